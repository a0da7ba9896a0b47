package io.qlikbroker.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every error the HTTP layer sees into problem details, so no caller ever gets a stack trace or an HTML page. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public RestResponse<Problem> broker(BrokerException e) {
        RestResponse.ResponseBuilder<Problem> builder = Problem.of(e.kind(), e.getMessage()).toResponse();
        // Rounded up: a client that waits the whole seconds it was told never arrives early.
        e.retryAfter().ifPresent(delay -> builder.header("Retry-After", Math.max(1, (delay.toMillis() + 999) / 1000)));
        return builder.build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return RestResponse.ResponseBuilder.create(status, Problem.generic(status)).type(Problem.MEDIA_TYPE).build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(RuntimeException e) {
        // Logged by class name only: a message could quote a request or response that holds a token.
        LOG.errorf("Unexpected %s while serving a request", e.getClass().getName());
        LOG.debug("Unexpected failure", e);
        return Problem.generic(Response.Status.INTERNAL_SERVER_ERROR).toResponse().build();
    }
}
