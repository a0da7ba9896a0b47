package io.qlikbroker.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One packaged broker (jar, or the native executable in a native build) started by a test with the given environment
 * on a free port, for tests that need several replicas. Its console goes to a file.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final URI base;
    private final URI management;
    private final Path output;

    private BrokerProcess(Process process, URI base, URI management, Path output) {
        this.process = process;
        this.base = base;
        this.management = management;
        this.output = output;
    }

    /**
     * What every packaged broker of these tests is given: the fake identity provider ({@code keycloak.url} of
     * OidcWiremockTestResource) and the default tenant's URL and client id (QlikTenantFake's properties), and no
     * 5 s readiness-drain delay when it is stopped (no test probes it while it stops). Mutable: tests add their own.
     */
    public static Map<String, String> environment(String keycloakUrl, Map<String, String> qlik) {
        return new HashMap<>(Map.of(
                "QUARKUS_OIDC_AUTH_SERVER_URL", keycloakUrl + "/realms/quarkus/",
                "QUARKUS_OIDC_CLIENT_ID", "broker-test",
                "QUARKUS_OIDC_TOKEN_AUDIENCE", TestTokens.AUDIENCE,
                "QLIK_TENANT_URL", qlik.get("qlik.tenant-url"),
                "QLIK_CLIENT_ID", qlik.get("qlik.client-id"),
                "QUARKUS_SHUTDOWN_DELAY", "0s"));
    }

    /** Starts it and waits until it is ready. */
    public static BrokerProcess start(Map<String, String> environment) throws IOException, InterruptedException {
        return startAll(environment, 1).get(0);
    }

    /** Starts {@code count} replicas at once, then waits until each is ready: their start-ups overlap. */
    public static List<BrokerProcess> startAll(Map<String, String> environment, int count)
            throws IOException, InterruptedException {
        List<BrokerProcess> replicas = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            replicas.add(spawn(environment));
        }
        try {
            for (BrokerProcess broker : replicas) {
                broker.awaitReady();
            }
        } catch (IOException | InterruptedException | RuntimeException failed) {
            for (BrokerProcess broker : replicas) {
                broker.close();
            }
            throw failed;
        }
        return replicas;
    }

    private static BrokerProcess spawn(Map<String, String> environment) throws IOException {
        int port = freePort();
        int managementPort = freePort();
        Path output = Files.createTempFile("broker", ".log");
        ProcessBuilder builder = PackagedApplication.builder().redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        return new BrokerProcess(builder.start(), URI.create("http://localhost:" + port),
                URI.create("http://localhost:" + managementPort), output);
    }

    private void awaitReady() throws IOException, InterruptedException {
        for (int i = 0; i < 150 && !ready(); i++) {
            Thread.sleep(100);
        }
        if (!ready()) {
            throw new IllegalStateException("the broker did not become ready:\n" + log());
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(management.resolve("/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException notYet) {
            return false;
        }
    }

    public URI base() {
        return base;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    /** A GET on the management interface: health, metrics, the OpenAPI document. */
    public HttpResponse<String> manage(String path) {
        return send(HttpRequest.newBuilder(management.resolve(path)).GET().build());
    }

    public HttpResponse<String> post(String path, String bearer) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public java.util.concurrent.CompletableFuture<HttpResponse<String>> postAsync(String path, String bearer) {
        return HTTP.sendAsync(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> delete(String path, String bearer) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + bearer)
                .DELETE().build());
    }

    /** Everything it has printed so far: console, audit lines, stack traces. */
    public String log() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
