package io.qlikbroker.cache;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.ProvisioningTestBase;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.StrictProfile;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** broker.cache.enabled=false mints on every request, as Qlik's own example does. */
@QuarkusTest
@TestProfile(StrictProfile.class)
class CacheDisabledTest extends ProvisioningTestBase {

    @Test
    void everyRequestMintsANewToken() {
        String first = given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token")
                .then().statusCode(200).extract().asString();
        String second = given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token")
                .then().statusCode(200).extract().asString();
        assertNotEquals(first, second);
        tenant.verify(2, QlikTenantFake.impersonations());
    }
}
