package io.qlikbroker.qlik;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A page of the Groups API: {@code {"data": [...], "links": {...}}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record QlikGroups(List<QlikGroup> data) {
}
