package io.qlikbroker.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The Kubernetes manifest quarkus-kubernetes generated at package time (target/kubernetes/kubernetes.json): a
 * change of configuration must not silently break probes, the secret's source, hardening or sizing.
 */
class KubernetesManifestIT {

    private final List<JsonNode> resources = load();

    @Test
    void deploymentRunsOneReplicaProbedOnTheManagementPort() {
        JsonNode deployment = resource("Deployment");
        // Absent means 1: without broker.store=redis, replicas would not share tokens, limits or pauses.
        assertEquals(1, deployment.at("/spec/replicas").asInt(1), "memory store: one replica");
        JsonNode container = container();
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/q/health/started", container.at("/startupProbe/httpGet/path").asText());
        for (String probe : new String[] { "livenessProbe", "readinessProbe", "startupProbe" }) {
            assertEquals(9000, port(container, container.at("/" + probe + "/httpGet/port")), probe);
        }
        assertEquals(8080, port(container, TextNode.valueOf("http")));
    }

    @Test
    void everySecretComesFromTheSecretAndTheRestFromAConfigMap() {
        JsonNode container = container();
        List<String> sources = StreamSupport.stream(container.path("envFrom").spliterator(), false)
                .map(source -> source.has("secretRef") ? "secret:" + source.at("/secretRef/name").asText()
                        : "configmap:" + source.at("/configMapRef/name").asText())
                .toList();
        assertTrue(sources.contains("secret:qlik-token-broker"), sources.toString());
        assertTrue(sources.contains("configmap:qlik-token-broker"), sources.toString());
        for (JsonNode variable : container.path("env")) {
            boolean secretLike = variable.path("name").asText().matches(".*(SECRET|PASSWORD|KEY|TOKEN|CREDENTIAL).*");
            assertFalse(secretLike && variable.has("value"), "plain secret value for " + variable.path("name"));
            assertFalse(secretLike && variable.has("valueFrom") && !variable.at("/valueFrom/secretKeyRef").isObject(),
                    variable.path("name") + " must come from a Secret");
        }
    }

    @Test
    void runsHardenedAsNonRoot() {
        JsonNode pod = resource("Deployment").at("/spec/template/spec");
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        JsonNode security = container().path("securityContext");
        assertTrue(security.path("readOnlyRootFilesystem").asBoolean());
        assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true));
        assertEquals("ALL", security.at("/capabilities/drop/0").asText());
        assertEquals("/tmp", container().at("/volumeMounts/0/mountPath").asText());
    }

    @Test
    void resourcesAreSizedForTheNativeExecutable() {
        JsonNode resourcesNode = container().path("resources");
        assertEquals("32Mi", resourcesNode.at("/requests/memory").asText());
        assertEquals("128Mi", resourcesNode.at("/limits/memory").asText());
    }

    @Test
    void theServiceExposesOnlyThePublicPortAndPrometheusScrapesTheManagementPort() {
        JsonNode ports = resource("Service").at("/spec/ports");
        assertEquals(1, ports.size(), ports.toString());
        assertEquals(8080, port(container(), ports.at("/0/targetPort")));
        JsonNode annotations = resource("Deployment").at("/spec/template/metadata/annotations");
        assertEquals("true", annotations.path("prometheus.io/scrape").asText());
        assertEquals("/q/metrics", annotations.path("prometheus.io/path").asText());
        assertEquals("9000", annotations.path("prometheus.io/port").asText());
    }

    /** A port given by number or by the name of one of the container's ports. */
    private static int port(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        return StreamSupport.stream(container.path("ports").spliterator(), false)
                .filter(declared -> port.asText().equals(declared.path("name").asText())).findFirst()
                .map(declared -> declared.path("containerPort").asInt())
                .orElseThrow(() -> new AssertionError("no container port " + port));
    }

    private JsonNode container() {
        return resource("Deployment").at("/spec/template/spec/containers/0");
    }

    private JsonNode resource(String kind) {
        return resources.stream().filter(r -> kind.equals(r.path("kind").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in the manifest"));
    }

    private static JsonNode env(JsonNode container, String name) {
        return StreamSupport.stream(container.path("env").spliterator(), false)
                .filter(variable -> name.equals(variable.path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    private static List<JsonNode> load() {
        try {
            JsonNode root = new ObjectMapper().readTree(Path.of("target", "kubernetes", "kubernetes.json").toFile());
            JsonNode items = root.isArray() ? root : root.path("items");
            return StreamSupport.stream(items.spliterator(), false).toList();
        } catch (IOException e) {
            throw new AssertionError("target/kubernetes/kubernetes.json was not generated", e);
        }
    }
}
