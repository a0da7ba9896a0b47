package io.qlikbroker.dev;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.qlikbroker.config.QlikConfig;
import io.qlikbroker.qlik.ImpersonationTokenRequest;
import io.quarkus.arc.profile.IfBuildProfile;

/**
 * A stand-in Qlik tenant for {@code ./mvnw quarkus:dev}, answering as qlik.dev documents. Built only into dev
 * mode: packaged builds do not contain it. Users {@code alice} and {@code bob} exist (the subjects of the dev
 * identity provider); anyone else is unknown, as on a real tenant that has not provisioned them.
 */
@IfBuildProfile("dev")
@Path("/dev/qlik")
@Produces(MediaType.APPLICATION_JSON)
public class SimulatedQlikTenant {

    static final Set<String> USERS = Set.of("alice", "bob");
    static final long LIFETIME_SECONDS = 6 * 3600;

    private final SecureRandom random = new SecureRandom();
    private final QlikConfig config;

    SimulatedQlikTenant(QlikConfig config) {
        this.config = config;
    }

    @POST
    @Path("/oauth/token")
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<Map<String, Object>> token(JsonNode body) {
        if ("client_credentials".equals(body.path("grant_type").asText())) {
            return adminToken(body);
        }
        if (!ImpersonationTokenRequest.GRANT_TYPE.equals(body.path("grant_type").asText())) {
            return error(400, "OAUTH-1", "invalid_request", "Unsupported grant type");
        }
        if (!config.clientId().equals(body.path("client_id").asText())
                || !config.clientSecret().orElse("").equals(body.path("client_secret").asText())) {
            return error(401, "OAUTH-14", "invalid_client", "Client authentication failed");
        }
        String subject = body.path("user_lookup").path("value").asText();
        if (!"subject".equals(body.path("user_lookup").path("field").asText()) || !USERS.contains(subject)) {
            return error(401, "OAUTH-14", "invalid_user", "User not found");
        }
        Instant expiresAt = Instant.now().plusSeconds(LIFETIME_SECONDS);
        return RestResponse.ok(Map.of(
                "access_token", "dev-" + subject + "-" + randomHex(),
                "token_type", "bearer",
                "expires_in", LIFETIME_SECONDS,
                "expires_at", expiresAt.toString(),
                "scope", body.path("scope").asText()));
    }

    /** The admin client's token, for {@link SimulatedQlikDirectory}. */
    private RestResponse<Map<String, Object>> adminToken(JsonNode body) {
        if (!config.provisioning().clientId().orElse("").equals(body.path("client_id").asText())
                || !config.provisioning().clientSecret().orElse("").equals(body.path("client_secret").asText())) {
            return error(401, "OAUTH-14", "invalid_client", "Client authentication failed");
        }
        return RestResponse.ok(Map.of("access_token", SimulatedQlikDirectory.ADMIN_TOKEN_PREFIX + randomHex(),
                "token_type", "bearer", "expires_in", LIFETIME_SECONDS, "scope", body.path("scope").asText()));
    }

    @GET
    @Path("/.well-known/oauth-authorization-server")
    public Map<String, Object> metadata() {
        String issuer = config.tenantUrl();
        return Map.of("issuer", issuer,
                "token_endpoint", issuer + "/oauth/token",
                "revocation_endpoint", issuer + "/oauth/revoke",
                "grant_types_supported", List.of(ImpersonationTokenRequest.GRANT_TYPE, "client_credentials"));
    }

    private String randomHex() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static RestResponse<Map<String, Object>> error(int status, String code, String title, String detail) {
        Map<String, Object> error = Map.of("code", code, "title", title, "detail", detail, "status", String.valueOf(status));
        return RestResponse.status(RestResponse.Status.fromStatusCode(status), Map.of("errors", List.of(error)));
    }
}
