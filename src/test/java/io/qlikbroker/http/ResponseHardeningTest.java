package io.qlikbroker.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Every answer says nosniff and names no server software; errors are problem details without internals. */
@QuarkusTest
class ResponseHardeningTest {

    @Test
    void everyResponseIsNosniffWithoutServerBanner() {
        for (String path : new String[] { "/q/health", "/q/metrics", "/q/openapi", "/no-such-page",
                "/access-token" }) {
            given().when().get(path).then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Server", nullValue())
                    .header("X-Powered-By", nullValue());
        }
    }

    @Test
    void managementEndpointsAreNotOnThePublicPort() {
        for (String path : new String[] { "/q/health", "/q/health/ready", "/q/metrics", "/q/openapi" }) {
            given().when().get(path).then().statusCode(404);
        }
    }

    @Test
    void unknownRoutesAndMethodsAreProblemDetails() {
        given().when().delete("/q/health").then().header("X-Content-Type-Options", "nosniff");
        given().when().put("/access-token").then().statusCode(405)
                .contentType("application/problem+json")
                .body(not(containsString("Exception")));
    }
}
