package io.qlikbroker.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TestClock;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** A verified bearer token is remembered by its exact bytes, and never beyond its own expiry. */
@QuarkusTest
class VerifiedBearerMemoryTest extends QlikTenantTestBase {

    @Inject
    VerifiedBearerIdentityProvider provider;

    @Inject
    TestClock clock;

    @Test
    void rememberesATokenOnlyAfterItPassedVerification() {
        String bearer = expiringIn(Duration.ofMinutes(5));
        assertFalse(provider.remembers(bearer));
        given().auth().oauth2(bearer).when().post("/access-token")
                .then().statusCode(200).body(startsWith(QlikTenantFake.tokenPrefixFor(user)));
        assertTrue(provider.remembers(bearer));

        String forged = bearer.substring(0, bearer.lastIndexOf('.') + 1) + "AAAA"
                + bearer.substring(bearer.lastIndexOf('.') + 5);
        given().auth().oauth2(forged).when().post("/access-token").then().statusCode(401);
        assertFalse(provider.remembers(forged));
    }

    @Test
    void forgetsATokenAtItsExpiry() {
        String bearer = expiringIn(Duration.ofSeconds(120));
        given().auth().oauth2(bearer).when().post("/access-token").then().statusCode(200);
        assertTrue(provider.remembers(bearer));
        clock.advance(Duration.ofSeconds(121));
        assertFalse(provider.remembers(bearer));
    }

    /** Expiry on the broker's clock, which earlier tests may have moved ahead of real time (never behind). */
    private String expiringIn(Duration lifetime) {
        return TestTokens.sign(TestTokens.claims(user).expiresAt(clock.instant().plus(lifetime).getEpochSecond()));
    }

    @Test
    void keepsNeitherTheTokenNorClaimsTheBrokerDoesNotRead() {
        String bearer = TestTokens.sign(TestTokens.claims(user).claim("junk", "x".repeat(4000))
                .expiresAt(clock.instant().plus(Duration.ofMinutes(5)).getEpochSecond()));
        given().auth().oauth2(bearer).when().post("/access-token").then().statusCode(200);
        RememberedBearer kept = provider.remembered(bearer).orElseThrow();
        assertEquals(user, kept.claims().get("sub").toString().replace("\"", ""));
        assertFalse(kept.claims().containsKey("junk"));
        assertFalse(kept.toString().contains(user), "claims are user data: not printed");
    }

    @Test
    void aTokenWhoseRequestWasRefusedIsNotRemembered() {
        // Verified, but refused before any token decision (no lookup claim): nothing to speed up, nothing kept.
        String noSubject = TestTokens.bearerWith(java.util.Map.of("email", "x@example.com"));
        given().auth().oauth2(noSubject).when().post("/access-token").then().statusCode(403);
        assertFalse(provider.remembers(noSubject));
    }

    @Test
    void theRememberedIdentityStillMapsToItsOwnUser() {
        String alice = TestTokens.bearer(user);
        String bob = TestTokens.bearer(TestTokens.uniqueSubject("bob"));
        given().auth().oauth2(alice).when().post("/access-token").then().statusCode(200);
        given().auth().oauth2(bob).when().post("/access-token").then().statusCode(200);
        given().auth().oauth2(alice).when().post("/access-token")
                .then().statusCode(200).body(startsWith(QlikTenantFake.tokenPrefixFor(user)));
    }
}
