package io.qlikbroker.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.Management;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged application answers its probes on the management port only, and its wellness check reaches the fake
 * tenant over the network. The behaviour of the checks (outages, hangs, reuse) is HealthTest's, which can move the
 * broker's clock.
 */
@QuarkusIntegrationTest
class HealthIT {

    @Test
    void probesAreUpAndTheTenantIsWell() {
        Management.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().when().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().when().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'qlik-tenant' }.status", equalTo("UP"));
    }

    @Test
    void thePublicPortServesNoManagementEndpoint() {
        for (String path : new String[] { "/q/metrics", "/q/health", "/q/health/ready", "/q/health/well",
                "/q/openapi" }) {
            given().when().get(path).then().statusCode(404);
            Management.given().when().get(path).then().statusCode(200);
        }
        // The OpenAPI document is there for tools; the Swagger UI is a dev-mode convenience only.
        Management.given().when().get("/q/swagger-ui").then().statusCode(404);
        given().when().get("/q/swagger-ui").then().statusCode(404);
    }
}
