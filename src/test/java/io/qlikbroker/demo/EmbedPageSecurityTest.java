package io.qlikbroker.demo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.qlikbroker.session.HybridProfile;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The example page runs in the origin that the session cookie trusts: qlik-embed is a pinned file checked by its
 * integrity hash, and the page's policy admits scripts and connections only from the broker, that file and the
 * tenant.
 */
@QuarkusTest
@TestProfile(HybridProfile.class)
class EmbedPageSecurityTest extends QlikTenantTestBase {

    @Test
    void qlikEmbedIsAPinnedVersionWithItsIntegrityHash() {
        given().when().get("/embed-config").then().statusCode(200)
                .body("scriptUrl", containsString("@qlik/embed-web-components@1.6.0/"))
                .body("scriptUrl", not(containsString("@1/")))
                .body("scriptIntegrity", startsWith("sha384-"));
    }

    @Test
    void thePagePolicyNamesOnlyTheBrokerTheScriptAndTheTenant() {
        String policy = given().when().get("/").then().statusCode(200).extract().header("Content-Security-Policy");
        Map<String, String> directives = Arrays.stream(policy.split(";")).map(String::strip)
                .collect(Collectors.toMap(d -> d.split(" ")[0], d -> d.substring(d.indexOf(' ') + 1)));
        String tenantOrigin = tenant.baseUrl();
        String script = given().when().get("/embed-config").then().extract().path("scriptUrl");

        assertEquals("'self' " + script + " " + tenantOrigin, directives.get("script-src"), policy);
        assertEquals("'self' " + tenantOrigin, directives.get("connect-src"), policy);
        assertEquals(tenantOrigin, directives.get("frame-src"), policy);
        assertEquals("'none'", directives.get("frame-ancestors"), policy);
        for (String directive : directives.values()) {
            assertFalse(Arrays.asList(directive.split(" ")).contains("https:"), "no scheme-wide source: " + policy);
            assertFalse(directive.contains("*"), "no wildcard: " + policy);
        }
        assertTrue(directives.containsKey("default-src"), policy);
    }
}
