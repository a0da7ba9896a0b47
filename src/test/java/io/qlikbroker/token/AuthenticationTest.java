package io.qlikbroker.token;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TestKeys;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** Only a verified identity with the configured claim gets a token; everyone else is refused before Qlik is asked. */
@QuarkusTest
class AuthenticationTest extends QlikTenantTestBase {

    @Test
    void withoutCredentialsAnswers401WithBearerChallenge() {
        given().redirects().follow(false)
                .when().post("/access-token")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("type", equalTo("urn:qlik-token-broker:problem:unauthenticated"))
                .body("status", equalTo(401));
        assertNoTokenRequested();
    }

    @Test
    void tokenSignedByAnotherKeyAnswers401() {
        String forged = TestTokens.claims("alice").jws().keyId("1").sign(TestKeys.forger().getPrivate());
        given().auth().oauth2(forged)
                .when().post("/access-token")
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer error=\"invalid_token\""))
                .contentType("application/problem+json");
        assertNoTokenRequested();
    }

    @Test
    void expiredTokenAnswers401() {
        long past = System.currentTimeMillis() / 1000 - 3600;
        String expired = TestTokens.sign(TestTokens.claims("alice").issuedAt(past - 300).expiresAt(past));
        given().auth().oauth2(expired).when().post("/access-token").then().statusCode(401);
        assertNoTokenRequested();
    }

    @Test
    void tokenForAnotherAudienceAnswers401() {
        String otherAudience = TestTokens.sign(TestTokens.claims("alice").audience("https://other.example.com"));
        given().auth().oauth2(otherAudience).when().post("/access-token").then().statusCode(401);
        assertNoTokenRequested();
    }

    @Test
    void identityWithoutTheClaimAnswers403() {
        String noSubject = TestTokens.bearerWith(Map.of("email", "alice@example.com"));
        given().auth().oauth2(noSubject)
                .when().post("/access-token")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:qlik-token-broker:problem:missing-identity-claim"));
        assertNoTokenRequested();
    }

    @Test
    void blankSubjectAnswers403() {
        given().auth().oauth2(TestTokens.bearer(" ")).when().post("/access-token").then().statusCode(403);
        assertNoTokenRequested();
    }

    @Test
    void nonStringSubjectIsAMalformedTokenAndAnswers401() {
        // RFC 7519 makes "sub" a string: the token verifier refuses it before any claim mapping happens.
        String arraySubject = TestTokens.signPayload("{" + TestTokens.validClaimsJson() + ", \"sub\": [\"alice\", \"bob\"]}");
        given().auth().oauth2(arraySubject).when().post("/access-token").then().statusCode(401);
        assertNoTokenRequested();
    }

    @Test
    void authenticationIsDecidedBeforeContentNegotiation() {
        for (String accept : new String[] { "text/html", "image/png", "application/xml" }) {
            for (String method : new String[] { "POST", "DELETE" }) {
                given().redirects().follow(false).accept(accept)
                        .when().request(method, "/access-token")
                        .then().statusCode(401)
                        .header("WWW-Authenticate", "Bearer");
            }
        }
        assertNoTokenRequested();
    }

    @Test
    void anAuthenticatedCallerWhoAcceptsNeitherTextNorJsonGets406() {
        given().auth().oauth2(TestTokens.bearer(user)).accept("text/html")
                .when().post("/access-token")
                .then().statusCode(406)
                .contentType("application/problem+json");
        assertNoTokenRequested();
    }

    @Test
    void aTokenIssuedToTheAppsClientIdIsNotABearerToken() {
        // What an ID token looks like to the broker: issued by the same provider, to the app's client id.
        String idTokenLike = TestTokens.sign(TestTokens.claims("alice").audience("broker-test"));
        given().auth().oauth2(idTokenLike).when().post("/access-token")
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer error=\"invalid_token\""));
        assertNoTokenRequested();
    }

    private void assertNoTokenRequested() {
        tenant.verify(0, postRequestedFor(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)));
    }
}
