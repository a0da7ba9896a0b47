package io.qlikbroker.qlik;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/** The tenant's Groups API, called with the admin client's bearer token. Used only through {@link GroupsClient}. */
@RegisterRestClient(configKey = "qlik")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface QlikGroupsApi {

    /** Filter comparisons are case-insensitive: callers pick the exact name from the page. */
    @GET
    @Path("/api/v1/groups")
    Uni<QlikGroups> find(@QueryParam("filter") String filter, @QueryParam("limit") int limit,
            @HeaderParam("Authorization") String bearer);

    @POST
    @Path("/api/v1/groups")
    Uni<QlikGroup> create(NewQlikGroup group, @HeaderParam("Authorization") String bearer);

    @ClientExceptionMapper
    static QlikErrorResponse toException(Response response) {
        return QlikErrorResponse.from(response);
    }
}
