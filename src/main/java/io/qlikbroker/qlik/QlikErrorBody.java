package io.qlikbroker.qlik;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Qlik's error body: {@code {"errors": [{"code", "title", "detail", "status"}]}} (not RFC 6749's shape). Read only
 * through {@code Response.readEntity}, which Quarkus cannot see at build time: registered for the native image by
 * hand (the stand-in native build read every 401 as the client's fault without it).
 */
@RegisterForReflection(targets = { QlikErrorBody.class, QlikErrorBody.Error.class })
@JsonIgnoreProperties(ignoreUnknown = true)
record QlikErrorBody(List<Error> errors) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Error(String code, String title, String detail, String status) {
    }

    static final QlikErrorBody EMPTY = new QlikErrorBody(List.of());

    Error first() {
        return errors == null || errors.isEmpty() ? new Error(null, null, null, null) : errors.get(0);
    }
}
