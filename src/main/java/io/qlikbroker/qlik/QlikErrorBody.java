package io.qlikbroker.qlik;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.qlikbroker.tracing.TraceIds;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Qlik's error body: {@code {"errors": [{"code", "title", "detail", "status"}], "traceId"}} (not RFC 6749's shape);
 * the {@code traceId} is what Qlik support asks for. Read only
 * through {@code Response.readEntity}, which Quarkus cannot see at build time: registered for the native image by
 * hand (the stand-in native build read every 401 as the client's fault without it).
 */
@RegisterForReflection(targets = { QlikErrorBody.class, QlikErrorBody.Error.class })
@JsonIgnoreProperties(ignoreUnknown = true)
record QlikErrorBody(List<Error> errors, String traceId) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Error(String code, String title, String detail, String status) {
    }

    static final QlikErrorBody EMPTY = new QlikErrorBody(List.of(), null);

    /** Qlik's traceId when it looks like one (it is logged), else null. */
    String loggableTraceId() {
        return TraceIds.upstream(traceId);
    }

    Error first() {
        return errors == null || errors.isEmpty() ? new Error(null, null, null, null) : errors.get(0);
    }
}
