package io.qlikbroker.qlik;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A page of the Users API: {@code {"data": [...], "links": {...}}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record QlikUsers(List<QlikUser> data) {
}
