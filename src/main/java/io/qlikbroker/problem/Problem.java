package io.qlikbroker.problem;

import java.net.URI;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.qlikbroker.tracing.TraceIds;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem details body, served as {@code application/problem+json}. {@code traceId} (an extension member)
 * is the request's trace id: a user's screenshot of the body leads to the trace and the audit line.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String traceId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemKind kind, String detail) {
        return new Problem(kind.type(), kind.title(), kind.status(), detail, TraceIds.current());
    }

    static Problem generic(Response.StatusType status) {
        return new Problem(ProblemKind.genericType(), status.getReasonPhrase(), status.getStatusCode(), null,
                TraceIds.current());
    }

    /** A response builder carrying this problem with the RFC 9457 media type. */
    public RestResponse.ResponseBuilder<Problem> toResponse() {
        Response.StatusType statusType = Response.Status.fromStatusCode(status);
        return RestResponse.ResponseBuilder.create(statusType, this).type(MEDIA_TYPE);
    }
}
