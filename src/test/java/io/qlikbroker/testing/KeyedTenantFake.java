package io.qlikbroker.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One Qlik tenant server for two named tenants without a shared secret in configuration: {@code keyed}
 * authenticates with private_key_jwt (a key file, assertions checked by {@link ClientAssertionVerifier}), and
 * {@code filed} with a secret read from a file. Like Qlik, the fake accepts several secrets at once during a
 * rotation. Tests reach it through {@link #current()}.
 */
public class KeyedTenantFake implements QuarkusTestResourceLifecycleManager {

    public static final String KEYED = "keyed";
    public static final String FILED = "filed";
    public static final String KEYED_CLIENT = "keyed-impersonation-client";
    public static final String FILED_CLIENT = "filed-impersonation-client";
    public static final String FIRST_SECRET = "first-filed-secret-0123456789";

    private static volatile KeyedTenantFake current;

    private WireMockServer server;
    private Path folder;
    private ClientAssertionVerifier verifier;
    private final Set<String> acceptedSecrets = new CopyOnWriteArraySet<>(Set.of(FIRST_SECRET));
    private KeyPair firstKey;

    public static KeyedTenantFake current() {
        return current;
    }

    @Override
    public Map<String, String> start() {
        try {
            folder = Files.createTempDirectory("qlik-credentials");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        firstKey = TestKeys.client();
        writeKeys(firstKey);
        writeSecret(FIRST_SECRET);
        server = new WireMockServer(wireMockConfig().dynamicPort().extensions(new ImpersonationTokenTransformer(
                this::clientAuthenticates, "")));
        server.start();
        verifier = new ClientAssertionVerifier(KEYED_CLIENT, server.baseUrl() + "/oauth/token");
        verifier.register(firstKey.getPublic(), thumbprint(firstKey));
        server.stubFor(post(urlPathEqualTo(QlikTenantFake.TOKEN_PATH))
                .willReturn(aResponse().withTransformers(ImpersonationTokenTransformer.NAME)));
        server.stubFor(get(urlPathEqualTo(QlikTenantFake.METADATA_PATH)).willReturn(okJson("{}")));
        current = this;
        String keyed = "qlik.tenants.\"" + KEYED + "\".";
        String filed = "qlik.tenants.\"" + FILED + "\".";
        return Map.of(keyed + "tenant-url", server.baseUrl(), keyed + "client-id", KEYED_CLIENT,
                keyed + "client-auth", "private-key-jwt", keyed + "private-key-file", keyFile().toString(),
                filed + "tenant-url", server.baseUrl(), filed + "client-id", FILED_CLIENT,
                filed + "client-secret-file", secretFile().toString());
    }

    private boolean clientAuthenticates(JsonNode body) {
        if (FILED_CLIENT.equals(body.path("client_id").asText())) {
            return acceptedSecrets.contains(body.path("client_secret").asText());
        }
        return verifier.test(body);
    }

    public ClientAssertionVerifier verifier() {
        return verifier;
    }

    public WireMockServer server() {
        return server;
    }

    public KeyPair firstKey() {
        return firstKey;
    }

    public Set<String> acceptedSecrets() {
        return acceptedSecrets;
    }

    public Path keyFile() {
        return folder.resolve("impersonation-key.pem");
    }

    public Path secretFile() {
        return folder.resolve("client-secret");
    }

    /** Writes the key file as Kubernetes updates a mounted Secret: the whole file replaced at once. */
    public void writeKeys(KeyPair... keys) {
        replace(keyFile(), TestKeys.pem(keys));
    }

    public void writeSecret(String secret) {
        replace(secretFile(), secret + "\n");
    }

    public void replace(Path file, String content) {
        try {
            Path next = Files.writeString(folder.resolve(file.getFileName() + ".next"), content);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kid the broker gives a key without qlik.key-id: its RFC 7638 thumbprint. */
    public static String thumbprint(KeyPair key) {
        try {
            return org.jose4j.jwk.PublicJsonWebKey.Factory.newPublicJwk(key.getPublic())
                    .calculateBase64urlEncodedThumbprint(org.jose4j.lang.HashUtil.SHA_256);
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
        current = null;
    }
}
