package io.qlikbroker.token;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.qlikbroker.openapi.BrokerApi;
import io.qlikbroker.problem.Problem;
import io.quarkus.security.Authenticated;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** {@code /tenants/{name}/access-token}: the caller's token from a named tenant ({@code qlik.tenants."<name>"}). */
@Path("/tenants/{tenant}/access-token")
@Authenticated
@SecurityRequirement(name = BrokerApi.BEARER)
@SecurityRequirement(name = BrokerApi.SESSION)
public class TenantAccessTokenResource {

    private final SecurityIdentity identity;
    private final TokenEndpoint endpoint;

    TenantAccessTokenResource(SecurityIdentity identity, TokenEndpoint endpoint) {
        this.identity = identity;
        this.endpoint = endpoint;
    }

    // No @Produces: the router would answer 406 to an unacceptable Accept before authentication had a say.
    @POST
    @Operation(summary = "The caller's Qlik access token from the named tenant", description = "The bare token as text/plain "
            + "(what qlik-embed's getAccessToken() reads), or JSON when the caller ranks application/json first. "
            + "Reused until shortly before it expires.")
    public Uni<RestResponse<Object>> issue(@PathParam("tenant") String name, HttpHeaders headers,
            HttpServerRequest request) {
        return endpoint.issue(identity, endpoint.namedTenant(name, identity), headers, request);
    }

    @DELETE
    @Operation(summary = "Forget (and with broker.revoke-on-logout, revoke) the caller's token from the named tenant")
    public Uni<RestResponse<Void>> forget(@PathParam("tenant") String name, HttpHeaders headers,
            HttpServerRequest request) {
        return endpoint.forget(identity, endpoint.namedTenant(name, identity), headers, request);
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class })
    RestResponse<Problem> unauthenticated(RuntimeException e, HttpHeaders headers, UriInfo uri) {
        return endpoint.unauthenticated(endpoint.label(uri.getPathParameters().getFirst("tenant")), headers);
    }
}
