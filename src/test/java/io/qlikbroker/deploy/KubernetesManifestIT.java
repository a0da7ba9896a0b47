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

/**
 * The Kubernetes manifest quarkus-kubernetes generated at package time (target/kubernetes/kubernetes.json): a
 * change of configuration must not silently break probes, the secret's source, hardening or sizing.
 */
class KubernetesManifestIT {

    private final List<JsonNode> resources = load();

    @Test
    void deploymentRunsOneReplicaProbedOnTheHealthEndpoints() {
        JsonNode deployment = resource("Deployment");
        // Absent means 1: without broker.store=redis, replicas would not share tokens, limits or pauses.
        assertEquals(1, deployment.at("/spec/replicas").asInt(1), "memory store: one replica");
        JsonNode container = container();
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/q/health/started", container.at("/startupProbe/httpGet/path").asText());
        for (String probe : new String[] { "livenessProbe", "readinessProbe", "startupProbe" }) {
            assertEquals(8080, container.at("/" + probe + "/httpGet/port").asInt(), probe);
        }
        assertEquals(8080, container.at("/ports/0/containerPort").asInt());
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
    void serviceAndScrapeAnnotationsExist() {
        JsonNode service = resource("Service");
        assertEquals(8080, service.at("/spec/ports/0/targetPort").asInt());
        JsonNode annotations = resource("Deployment").at("/spec/template/metadata/annotations");
        assertEquals("true", annotations.path("prometheus.io/scrape").asText());
        assertEquals("/q/metrics", annotations.path("prometheus.io/path").asText());
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
