package io.qlikbroker.dev;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The simulated tenant and the dev identity-provider hint exist only in dev mode, never in what ships. */
@QuarkusIntegrationTest
class DevTenantAbsentIT {

    @Test
    void packagedBuildHasNoSimulatedTenant() {
        given().contentType("application/json")
                .body("{\"grant_type\": \"urn:qlik:oauth:user-impersonation\"}")
                .when().post("/dev/qlik/oauth/token")
                .then().statusCode(404);
        given().when().get("/dev/identity-provider").then().statusCode(404);
    }
}
