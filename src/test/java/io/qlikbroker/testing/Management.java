package io.qlikbroker.testing;

import java.net.URI;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * Requests to the management interface (health, metrics, the OpenAPI document), which listens on its own port. A
 * {@code @QuarkusTest} application picks a free one and Quarkus knows it; an application that
 * {@code @QuarkusIntegrationTest} starts gets the port the build reserved ({@code it.management.port}, pom.xml).
 */
public final class Management {

    private Management() {
    }

    public static RequestSpecification given() {
        URI uri = URI.create(uri());
        // The port explicitly: Quarkus sets RestAssured's default port to the public one, which would win otherwise.
        return RestAssured.given().baseUri(uri.getScheme() + "://" + uri.getHost()).port(uri.getPort());
    }

    private static String uri() {
        String reserved = System.getProperty("it.management.port");
        return reserved != null ? "http://localhost:" + reserved : TestHTTPResourceManager.getManagementUri();
    }
}
