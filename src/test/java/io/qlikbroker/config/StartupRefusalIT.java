package io.qlikbroker.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.PackagedApplication;

/**
 * The packaged application refuses to start on bad configuration: non-zero exit, the property named, the value
 * never printed, and no stack trace.
 */
class StartupRefusalIT {

    private static final String SECRET = "do-not-print-this-secret-4711";
    private static final Map<String, String> MISSING_TENANT = Map.of("QUARKUS_OIDC_AUTH_SERVER_URL",
            "http://127.0.0.1:9/realms/x",
            "QUARKUS_OIDC_CLIENT_ID", "app");
    private static final Map<String, String> INVALID_VALUES = Map.of("QUARKUS_OIDC_AUTH_SERVER_URL",
            "http://127.0.0.1:9/realms/x",
            "QUARKUS_OIDC_CLIENT_ID", "app",
            "QLIK_TENANT_URL", "http://tenant.example.com",
            "QLIK_CLIENT_ID", "client",
            "QLIK_CLIENT_SECRET", SECRET,
            "QLIK_USER_LOOKUP_FIELD", "email");
    private static final Map<String, String> STAGING_WITHOUT_AUDIENCE = Map.of("QUARKUS_PROFILE", "staging",
            "QUARKUS_OIDC_AUTH_SERVER_URL", "http://127.0.0.1:9/realms/x",
            "QUARKUS_OIDC_CLIENT_ID", "app",
            "QLIK_TENANT_URL", "https://tenant.example.com",
            "QLIK_CLIENT_ID", "client",
            "QLIK_CLIENT_SECRET", SECRET);
    private static final Map<String, String> MISSING_KEY_FILE = Map.of("QUARKUS_OIDC_AUTH_SERVER_URL",
            "http://127.0.0.1:9/realms/x",
            "QUARKUS_OIDC_CLIENT_ID", "app", "QUARKUS_OIDC_TOKEN_AUDIENCE", "https://api.example.com",
            "QLIK_TENANT_URL", "https://tenant.example.com",
            "QLIK_CLIENT_ID", "client",
            "QLIK_CLIENT_AUTH", "private-key-jwt",
            "QLIK_PRIVATE_KEY_FILE", "/nonexistent/qlik-key.pem");

    /** The four applications start at once: each takes seconds to refuse, mostly spent waiting on its own start. */
    private static final Map<Map<String, String>, CompletableFuture<Result>> REFUSALS = new HashMap<>();

    @BeforeAll
    static void startAll() {
        List<Map<String, String>> all = List.of(MISSING_TENANT, INVALID_VALUES, STAGING_WITHOUT_AUDIENCE, MISSING_KEY_FILE);
        ExecutorService starters = Executors.newFixedThreadPool(all.size());
        for (Map<String, String> env : all) {
            REFUSALS.put(env, CompletableFuture.supplyAsync(() -> start(env), starters));
        }
        starters.shutdown();
    }

    private static Result refusal(Map<String, String> env) {
        return REFUSALS.get(env).join();
    }

    @Test
    void missingTenantSettingsAreNamed() {
        Result result = refusal(MISSING_TENANT);
        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("qlik.tenant-url"), result.output());
        assertTrue(result.output().contains("qlik.client-id"), result.output());
        assertFalse(result.output().contains("\tat "), "no stack trace:\n" + result.output());
    }

    @Test
    void invalidValuesAreNamedButNeverEchoed() {
        Result result = refusal(INVALID_VALUES);
        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("Invalid configuration: qlik.tenant-url must use https; "
                + "qlik.user-lookup.field must be 'subject' or 'userId'"), result.output());
        assertFalse(result.output().contains(SECRET));
        // The identity provider at 127.0.0.1:9 is down, which quarkus-oidc reports with a trace of its own; the
        // refusal itself is the last line, with no trace after it.
        String lastLine = result.output().strip().lines().reduce((first, second) -> second).orElse("");
        assertTrue(lastLine.contains("Invalid configuration: "), result.output());
        assertFalse(result.output().contains("ConfigurationException"), "no stack trace:\n" + result.output());
    }

    @Test
    void anyProfileOutsideDevAndTestNeedsTheBearerAudience() {
        Result result = refusal(STAGING_WITHOUT_AUDIENCE);
        assertNotEquals(0, result.exitCode());
        String lastLine = result.output().strip().lines().reduce((first, second) -> second).orElse("");
        assertTrue(lastLine.contains("Invalid configuration: quarkus.oidc.token.audience must be set"), result.output());
        assertFalse(result.output().contains(SECRET));
    }

    @Test
    void aMissingPrivateKeyFileIsNamed() {
        Result result = refusal(MISSING_KEY_FILE);
        assertNotEquals(0, result.exitCode());
        String lastLine = result.output().strip().lines().reduce((first, second) -> second).orElse("");
        assertTrue(lastLine.contains("Invalid configuration: qlik.private-key-file cannot be read"), result.output());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result start(Map<String, String> env) {
        ProcessBuilder builder = PackagedApplication.builder();
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the application did not exit:\n" + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException | InterruptedException failed) {
            throw new AssertionError(failed);
        }
    }
}
