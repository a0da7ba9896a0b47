package io.qlikbroker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The security settings that only the prod profile carries, read from application.properties as shipped. */
class ProductionProfileTest {

    private final SmallRyeConfig prod;

    ProductionProfileTest() throws IOException {
        prod = new SmallRyeConfigBuilder()
                .withProfile("prod")
                .withSources(new PropertiesConfigSource(getClass().getClassLoader().getResource("application.properties")))
                .withDefaultValue("quarkus.oidc.client-id", "the-app")
                .build();
    }

    @Test
    void sessionCookieIsSecureOutsideDev() {
        assertEquals("true", prod.getRawValue("quarkus.oidc.authentication.cookie-force-secure"));
    }

    @Test
    void theBearerAudienceIsTheOperatorsChoiceNotTheClientId() {
        // Defaulting it to the client id made every ID token issued to the app a valid bearer token; start-up
        // now refuses to run without it (ConfigValidatorTest, StartupRefusalIT).
        assertEquals(null, prod.getRawValue("quarkus.oidc.token.audience"));
    }

    @Test
    void tokenRouteAnswersItsOwn401s() {
        assertEquals("false", prod.getRawValue("quarkus.http.auth.proactive"));
    }

    @Test
    void oidcDebugLinesThatQuoteTokensStayOff() {
        assertEquals("INFO", prod.getRawValue("quarkus.log.category.\"io.quarkus.oidc\".level"));
    }
}
