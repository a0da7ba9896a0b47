package io.qlikbroker.qlik;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * The tenant's OAuth endpoints. Used through {@link ImpersonationClient}, {@link UsersClient} (the admin
 * client's own token) and {@link TenantProbe}, which own timeouts and turn failures into the broker's problems.
 */
@RegisterRestClient(configKey = "qlik")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface QlikOAuthApi {

    @POST
    @Path("/oauth/token")
    Uni<QlikTokenResponse> token(ImpersonationTokenRequest request);

    @POST
    @Path("/oauth/token")
    Uni<QlikTokenResponse> clientCredentials(ClientCredentialsRequest request);

    @POST
    @Path("/oauth/revoke")
    Uni<Response> revoke(RevokeRequest request);

    /** RFC 8414 metadata: a cheap proof that the tenant URL is right and the tenant answers. */
    @GET
    @Path("/.well-known/oauth-authorization-server")
    Uni<Response> metadata();

    @ClientExceptionMapper
    static QlikErrorResponse toException(Response response) {
        return QlikErrorResponse.from(response);
    }
}
