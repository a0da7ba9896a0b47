package io.qlikbroker.session;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;

/**
 * {@code GET /login}: with {@code quarkus.oidc.application-type=hybrid}, an anonymous browser is sent through the
 * identity provider's code flow and comes back here with a session cookie; then it goes to the app's page, from
 * which {@code fetch("/access-token", {credentials: "include"})} works. Bearer-only deployments answer 401.
 */
@Path("/login")
public class LoginResource {

    @GET
    @Authenticated
    public RestResponse<Void> login() {
        return RestResponse.seeOther(URI.create("/"));
    }
}
