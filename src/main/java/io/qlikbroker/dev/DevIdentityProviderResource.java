package io.qlikbroker.dev;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.profile.IfBuildProfile;

/**
 * Tells a developer where Dev Services for OIDC started the dev identity provider (a random port), so the README's
 * curl lines can ask it for alice's token. Dev mode only.
 */
@IfBuildProfile("dev")
@Path("/dev/identity-provider")
public class DevIdentityProviderResource {

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String authServerUrl;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String url() {
        return authServerUrl;
    }
}
