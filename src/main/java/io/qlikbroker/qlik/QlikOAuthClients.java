package io.qlikbroker.qlik;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A page of the OAuth clients API: {@code {"data": [...], "links": {...}}}. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
record QlikOAuthClients(List<QlikOAuthClient> data) {
}
