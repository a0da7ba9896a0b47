package io.qlikbroker.qlik;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/** The tenant's Users API, called with the admin client's bearer token. Used only through {@link UsersClient}. */
@RegisterRestClient(configKey = "qlik")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface QlikUsersApi {

    /** SCIM-style filter, e.g. {@code subject eq "auth0|abc"}. */
    @GET
    @Path("/api/v1/users")
    Uni<QlikUsers> find(@QueryParam("filter") String filter, @HeaderParam("Authorization") String bearer);

    @POST
    @Path("/api/v1/users")
    Uni<QlikUser> create(NewQlikUser user, @HeaderParam("Authorization") String bearer);

    /** The user with its {@code assignedGroups}. */
    @GET
    @Path("/api/v1/users/{id}")
    Uni<QlikUser> get(@PathParam("id") String id, @HeaderParam("Authorization") String bearer);

    /** JSON Patch; 204 on success. */
    @PATCH
    @Path("/api/v1/users/{id}")
    Uni<Void> patch(@PathParam("id") String id, List<GroupPatch> operations, @HeaderParam("Authorization") String bearer);

    @ClientExceptionMapper
    static QlikErrorResponse toException(Response response) {
        return QlikErrorResponse.from(response);
    }
}
