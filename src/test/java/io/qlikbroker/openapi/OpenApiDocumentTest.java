package io.qlikbroker.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.qlikbroker.problem.ProblemKind;
import io.qlikbroker.testing.Management;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The generated OpenAPI document describes the contract the code has: every route, both ways to sign in, and every
 * problem type with its status. It is read from the running application, so neither can drift from the other.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final String NAMED = "/tenants/{tenant}/access-token";

    private final JsonNode document = read();

    @Test
    void describesEveryRouteOfTheContract() {
        JsonNode paths = document.path("paths");
        for (String route : new String[] { "/access-token", NAMED }) {
            assertTrue(paths.path(route).has("post"), route + " POST");
            assertTrue(paths.path(route).has("delete"), route + " DELETE");
            assertEquals("string", paths.at(pointer(route) + "/post/responses/200/content/text~1plain/schema/type")
                    .asText(), route + ": the bare token as text");
            assertTrue(paths.at(pointer(route) + "/post/responses/200/content/application~1json").isObject());
            assertTrue(paths.path(route).path("delete").path("responses").has("204"));
            assertFalse(paths.path(route).path("delete").path("responses").has("200"), route + " DELETE never says 200");
        }
        assertTrue(paths.path("/embed-config").has("get"));
        assertTrue(paths.path("/session").has("get"));
        paths.fieldNames().forEachRemaining(path -> assertFalse(path.startsWith("/dev/"), path));
    }

    @Test
    void tokenRoutesAcceptABearerTokenOrTheSessionCookie() {
        assertEquals("qlik-token-broker", document.at("/info/title").asText(), document.path("info").toString());
        JsonNode schemes = document.at("/components/securitySchemes");
        assertEquals("http", schemes.at("/bearer/type").asText());
        assertEquals("bearer", schemes.at("/bearer/scheme").asText());
        assertEquals("apiKey", schemes.at("/session/type").asText());
        assertEquals("cookie", schemes.at("/session/in").asText());
        for (String route : new String[] { "/access-token", NAMED }) {
            for (String method : new String[] { "post", "delete" }) {
                List<String> names = new ArrayList<>();
                document.path("paths").path(route).path(method).path("security")
                        .forEach(requirement -> requirement.fieldNames().forEachRemaining(names::add));
                assertEquals(List.of("bearer", "session"), names.stream().sorted().toList(), route + " " + method);
            }
        }
    }

    @Test
    void everyProblemKindIsDocumentedWithItsStatus() {
        for (ProblemKind kind : ProblemKind.values()) {
            assertTrue(documentsProblem(NAMED, "post", kind), kind + " on POST " + NAMED);
            boolean onDefault = documentsProblem("/access-token", "post", kind);
            assertEquals(kind != ProblemKind.UNKNOWN_TENANT, onDefault, kind + " on POST /access-token");
        }
        assertTrue(documentsProblem(NAMED, "delete", ProblemKind.UNAUTHENTICATED));
        assertTrue(documentsProblem("/access-token", "delete", ProblemKind.CROSS_SITE_REQUEST));
        JsonNode problem = document.at("/components/schemas/Problem/properties");
        for (String member : new String[] { "type", "title", "status", "detail", "traceId" }) {
            assertTrue(problem.has(member), "Problem." + member);
        }
    }

    private boolean documentsProblem(String route, String method, ProblemKind kind) {
        JsonNode response = document.path("paths").path(route).path(method).path("responses")
                .path(String.valueOf(kind.status()));
        JsonNode schema = response.at("/content/application~1problem+json/schema");
        for (JsonNode part : schema.path("allOf")) {
            for (JsonNode type : part.at("/properties/type/enum")) {
                if (type.asText().equals(kind.type().toString())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String pointer(String route) {
        return "/" + route.replace("~", "~0").replace("/", "~1");
    }

    private static JsonNode read() {
        String json = Management.given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().asString();
        try {
            return new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
