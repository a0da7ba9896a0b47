package io.qlikbroker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;
import io.qlikbroker.testing.Configs;

/** Which pages may spend the session cookie, and which may sign the user out: the rule itself, without HTTP. */
class CsrfGuardTest {

    private static final String OWN = "https://broker.example.com";
    private static final String APP = "https://app.example.com";

    private final CsrfGuard ownOriginOnly = new CsrfGuard(Configs.broker());
    private final CsrfGuard appWithHeader = new CsrfGuard(Configs.broker("broker.allowed-origins", APP,
            "broker.csrf.require-header", "X-Requested-With"));

    @Test
    void theBrokersOwnPagesMayUseTheCookie() {
        ownOriginOnly.check(request(null, OWN, "same-origin", Map.of()));
        ownOriginOnly.check(request(null, null, "same-origin", Map.of()));
        ownOriginOnly.check(request(null, "HTTPS://BROKER.EXAMPLE.COM ", null, Map.of()));
    }

    @Test
    void otherPagesMayNot() {
        for (RequestOrigin foreign : new RequestOrigin[] { request(null, "https://attacker.example", "cross-site", Map.of()),
                request(null, "null", "cross-site", Map.of()), request(null, null, "same-site", Map.of()),
                request(null, null, null, Map.of()), request(null, OWN + ".attacker.example", null, Map.of()) }) {
            assertEquals(ProblemKind.CROSS_SITE_REQUEST,
                    assertThrows(BrokerException.class, () -> ownOriginOnly.check(foreign)).kind(), foreign.toString());
        }
    }

    @Test
    void bearerCallsCarryTheirCredentialAndAreNotCsrfProne() {
        ownOriginOnly.check(request("Bearer abc", "https://attacker.example", "cross-site", Map.of()));
    }

    @Test
    void listedOriginsReplaceTheOwnOriginAndTheRequiredHeaderIsRequired() {
        appWithHeader.check(request(null, APP, "cross-site", Map.of("X-Requested-With", "fetch")));
        assertThrows(BrokerException.class, () -> appWithHeader.check(request(null, APP, "cross-site", Map.of())));
        assertThrows(BrokerException.class,
                () -> appWithHeader.check(request(null, OWN, "same-origin", Map.of("X-Requested-With", "fetch"))));
    }

    @Test
    void signOutIsAllowedFromOwnPagesAndTypedAddressesOnly() {
        assertTrue(ownOriginOnly.allowsSignOut(request(null, null, "same-origin", Map.of())));
        assertTrue(ownOriginOnly.allowsSignOut(request(null, null, "none", Map.of())), "typed in the address bar");
        assertTrue(ownOriginOnly.allowsSignOut(request(null, OWN, "same-origin", Map.of())));
        assertFalse(ownOriginOnly.allowsSignOut(request(null, null, "cross-site", Map.of())), "a link on another site");
        assertFalse(ownOriginOnly.allowsSignOut(request(null, null, "same-site", Map.of())));
        assertFalse(ownOriginOnly.allowsSignOut(request(null, "https://attacker.example", null, Map.of())));
        assertTrue(appWithHeader.allowsSignOut(request(null, APP, "cross-site", Map.of())), "a form on the listed app");
    }

    private static RequestOrigin request(String authorization, String origin, String site, Map<String, String> headers) {
        return new RequestOrigin(authorization, origin, site, OWN, headers::get);
    }
}
