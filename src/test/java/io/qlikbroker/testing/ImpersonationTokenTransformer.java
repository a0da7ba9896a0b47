package io.qlikbroker.testing;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Answers {@code POST /oauth/token} like a tenant: checks the grant type and the client's credentials, then mints a
 * token that embeds the looked-up value, so a test can prove which user a token was minted for.
 */
class ImpersonationTokenTransformer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "qlik-impersonation";
    static final long LIFETIME_SECONDS = 21600;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicLong sequence = new AtomicLong();
    private final Predicate<JsonNode> clientAuthenticates;
    private final String tokenLabel;

    /** A tenant whose one client authenticates with {@code clientSecret}. */
    ImpersonationTokenTransformer(String clientId, String clientSecret, String tokenLabel) {
        this(body -> clientId.equals(body.path("client_id").asText())
                && clientSecret.equals(body.path("client_secret").asText()), tokenLabel);
    }

    /** A tenant that decides with {@code clientAuthenticates} whether a request's client proved itself. */
    ImpersonationTokenTransformer(Predicate<JsonNode> clientAuthenticates, String tokenLabel) {
        this.clientAuthenticates = clientAuthenticates;
        this.tokenLabel = tokenLabel;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        JsonNode body;
        try {
            body = JSON.readTree(serveEvent.getRequest().getBodyAsString());
        } catch (Exception e) {
            return error(400, "HTTP-400", "Bad Request");
        }
        if (!"urn:qlik:oauth:user-impersonation".equals(body.path("grant_type").asText())
                || !body.path("user_lookup").path("value").isTextual()) {
            return error(400, "OAUTH-1", "invalid_request");
        }
        if (!clientAuthenticates.test(body)) {
            return error(401, "OAUTH-14", "invalid_client");
        }
        String token = tokenLabel + QlikTenantFake.tokenPrefixFor(body.path("user_lookup").path("value").asText())
                + sequence.incrementAndGet();
        Instant expiresAt = Instant.now().plusSeconds(LIFETIME_SECONDS);
        String json = JSON.createObjectNode()
                .put("access_token", token)
                .put("token_type", "bearer")
                .put("expires_in", LIFETIME_SECONDS)
                .put("expires_at", expiresAt.toString())
                .put("scope", body.path("scope").asText())
                .toString();
        return new ResponseDefinitionBuilder().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(json).build();
    }

    private static ResponseDefinition error(int status, String code, String title) {
        return QlikTenantFake.qlikError(status, code, title).build();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
