package io.qlikbroker.qlik;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/** The tenant's OAuth clients API (Tier 1), read with the admin client's token. Used only by {@link OAuthClients}. */
@RegisterRestClient(configKey = "qlik")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface QlikOAuthClientsApi {

    @GET
    @Path("/api/v1/oauth-clients")
    Uni<QlikOAuthClients> find(@QueryParam("filter") String filter, @HeaderParam("Authorization") String bearer);

    @ClientExceptionMapper
    static QlikErrorResponse toException(Response response) {
        return QlikErrorResponse.from(response);
    }
}
