package io.qlikbroker.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A token route reached by another spelling of its path is still a token route: whatever answers (the token, a
 * problem, a 404) must not be cached by a browser or a proxy.
 */
@QuarkusTest
class TokenRouteAliasesTest extends QlikTenantTestBase {

    private static final List<String> ALIASES = List.of("/access-token", "/access-token/", "/access-token//",
            "//access-token", "/access-token;x=1", "/access-token/.", "/tenants/nowhere/access-token/",
            "/tenants/nowhere/access-token");

    @Test
    void everySpellingOfTheTokenRouteIsNoStore() {
        for (String path : ALIASES) {
            for (String method : List.of("POST", "DELETE")) {
                Response response = given().urlEncodingEnabled(false).auth().oauth2(TestTokens.bearer(user))
                        .request(method, path);
                assertEquals("no-store", response.header("Cache-Control"), method + " " + path + " " + response.statusCode());
                assertEquals("no-cache", response.header("Pragma"), method + " " + path);
            }
        }
    }

    @Test
    void theTrailingSlashAliasServesTheTokenWithNoStore() {
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token/")
                .then().statusCode(200).header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }
}
