package io.qlikbroker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.qlikbroker.testing.Configs;

/** Start-up validation names each bad property and never its value. */
class ConfigValidatorTest {

    private static final String SECRET = "s3cr3t-value-that-must-not-be-echoed";

    @Test
    void acceptsAValidConfiguration() {
        assertEquals(List.of(), ConfigValidator.problems(config("https://acme.eu.qlikcloud.com", "subject", "{claim}"), false));
    }

    @Test
    void requiresHttpsOutsideDevAndTestExceptOnLoopback() {
        assertEquals(List.of("qlik.tenant-url must use https"),
                ConfigValidator.problems(config("http://acme.eu.qlikcloud.com", "subject", "{claim}"), false));
        assertEquals(List.of(), ConfigValidator.problems(config("http://acme.eu.qlikcloud.com", "subject", "{claim}"), true));
        assertEquals(List.of(), ConfigValidator.problems(config("http://127.0.0.1:9000", "subject", "{claim}"), false));
    }

    @Test
    void plainHttpLoopbackExceptionTakesOnlyLoopbackLiterals() {
        for (String loopback : List.of("http://127.0.0.1:9000", "http://127.255.0.9", "http://localhost:8081",
                "http://LOCALHOST", "http://[::1]:9000")) {
            assertEquals(List.of(), ConfigValidator.problems(config(loopback, "subject", "{claim}"), false), loopback);
        }
        // Names that merely start like a loopback address resolve wherever their owner points them.
        for (String lookalike : List.of("http://127.0.0.1.attacker.example", "http://127.attacker.example",
                "http://localhost.attacker.example", "http://128.0.0.1")) {
            assertEquals(List.of("qlik.tenant-url must use https"),
                    ConfigValidator.problems(config(lookalike, "subject", "{claim}"), false), lookalike);
        }
        // Not an IPv4 literal at all (java.net.URI finds no host in it): refused as well.
        assertEquals(1, ConfigValidator.problems(config("http://127.0.0.256", "subject", "{claim}"), false).size());
    }

    @Test
    void bearerAudienceIsRequiredOutsideDevAndTest() {
        assertEquals(List.of("quarkus.oidc.token.audience must be set to the audience of your API's bearer tokens "
                + "(or to 'any', which accepts tokens issued to any client)"),
                ConfigValidator.audienceProblems(java.util.Optional.empty(), false));
        assertEquals(1, ConfigValidator.audienceProblems(java.util.Optional.of(List.of(" ")), false).size());
        assertEquals(List.of(), ConfigValidator.audienceProblems(java.util.Optional.of(List.of("https://api")), false));
        assertEquals(List.of(), ConfigValidator.audienceProblems(java.util.Optional.of(List.of("any")), false),
                "an explicit choice, warned about at start-up");
        assertEquals(List.of(), ConfigValidator.audienceProblems(java.util.Optional.empty(), true));
    }

    @Test
    void refusesARelativeOrMalformedTenantUrl() {
        assertTrue(ConfigValidator.problems(config("acme.eu.qlikcloud.com", "subject", "{claim}"), false).get(0)
                .startsWith("qlik.tenant-url must be an absolute URL"));
        assertTrue(ConfigValidator.problems(config("https://exa mple.com", "subject", "{claim}"), false).get(0)
                .startsWith("qlik.tenant-url is not a valid URL"));
    }

    @Test
    void acceptsOnlyTheTwoLookupFieldsQlikKnows() {
        assertEquals(List.of("qlik.user-lookup.field must be 'subject' or 'userId'"),
                ConfigValidator.problems(config("https://t.qlikcloud.com", "email", "{claim}"), false));
        assertEquals(List.of(), ConfigValidator.problems(config("https://t.qlikcloud.com", "userId", "{claim}"), false));
    }

    @Test
    void requiresTheClaimPlaceholderInTheTemplate() {
        assertEquals(List.of("qlik.user-lookup.template must contain {claim}"),
                ConfigValidator.problems(config("https://t.qlikcloud.com", "subject", "auth0|alice"), false));
    }

    @Test
    void reportsEveryProblemWithoutEchoingValues() {
        List<String> problems = ConfigValidator.problems(
                Configs.qlik("qlik.tenant-url", "ftp://" + SECRET, "qlik.client-id", " ", "qlik.client-secret", " ",
                        "qlik.scope", " ", "qlik.user-lookup.field", "email", "qlik.user-lookup.claim", " ",
                        "qlik.user-lookup.template", "no-placeholder", "qlik.timeout", "0s"),
                false);
        assertEquals(8, problems.size(), problems.toString());
        assertFalse(String.join(" ", problems).contains(SECRET));
    }

    @Test
    void provisioningNeedsItsOwnSeparateClient() {
        assertEquals(List.of("qlik.provisioning.client-id and qlik.provisioning.client-secret (or its file, or a private key) "
                + "must be set when qlik.provisioning.enabled or qlik.groups.enabled is true"),
                ConfigValidator.problems(withProvisioning(null), false));
        assertEquals(List.of("qlik.provisioning.client-id must be a separate client, not the impersonation client"),
                ConfigValidator.problems(withProvisioning("client"), false));
        assertEquals(List.of(), ConfigValidator.problems(withProvisioning("admin-client"), false));
    }

    @Test
    void groupSyncNeedsTheAdminClientAndSaneSettings() {
        String https = "https://t.qlikcloud.com";
        assertEquals(List.of("qlik.provisioning.client-id and qlik.provisioning.client-secret (or its file, or a private "
                + "key) must be set when qlik.provisioning.enabled or qlik.groups.enabled is true"),
                ConfigValidator.problems(config(https, "subject", "{claim}", "qlik.groups.enabled", "true"), false));

        String[] admin = { "qlik.provisioning.client-id", "admin", "qlik.provisioning.client-secret", "s" };
        assertEquals(List.of(), ConfigValidator.problems(config(https, "subject", "{claim}",
                concat(admin, "qlik.groups.enabled", "true")), false));
        assertEquals(List.of("qlik.groups.include is not a valid regular expression",
                "qlik.groups.prefix must not be blank unless qlik.groups.mapping is set",
                "qlik.groups.max must be at least 1", "qlik.groups.on-failure must be 'deny' or 'allow'"),
                ConfigValidator.problems(config(https, "subject", "{claim}", concat(admin, "qlik.groups.enabled", "true",
                        "qlik.groups.include", "([", "qlik.groups.prefix", " ", "qlik.groups.max", "0",
                        "qlik.groups.on-failure", "maybe")), false));
        assertEquals(List.of("qlik.tenants.\"eu\".groups.mapping values must be Qlik group names of 1 to 256 characters"),
                ConfigValidator.problems(config(https, "subject", "{claim}", "qlik.tenants.eu.tenant-url", https,
                        "qlik.tenants.eu.client-id", "eu", "qlik.tenants.eu.client-secret", "s",
                        "qlik.tenants.eu.provisioning.client-id", "admin", "qlik.tenants.eu.provisioning.client-secret",
                        "s", "qlik.tenants.eu.groups.enabled", "true", "qlik.tenants.eu.groups.mapping.a", "x".repeat(257)),
                        false));
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void aRedisStoreNeedsAThirtyTwoByteKeyAndNamesItWithoutItsValue() {
        String key = "broker.store.encryption-key must be the base64 of 32 random bytes (openssl rand -base64 32) "
                + "when broker.store is redis";
        assertEquals(List.of(), ConfigValidator.problems(Configs.broker()));
        assertEquals(List.of(key), ConfigValidator.problems(Configs.broker("broker.store", "redis")));
        assertEquals(List.of(key), ConfigValidator.problems(Configs.broker("broker.store", "redis",
                "broker.store.encryption-key", java.util.Base64.getEncoder().encodeToString(new byte[16]))));
        assertEquals(List.of(key), ConfigValidator.problems(Configs.broker("broker.store", "redis",
                "broker.store.encryption-key", "not-base64-" + SECRET)));
        assertEquals(List.of(), ConfigValidator.problems(Configs.broker("broker.store", "redis",
                "broker.store.encryption-key", java.util.Base64.getEncoder().encodeToString(new byte[32]))));
        assertEquals(List.of("broker.store must be 'memory' or 'redis'"),
                ConfigValidator.problems(Configs.broker("broker.store", "memcached")));
    }

    @Test
    void tenantNamesAreLowerCaseLettersAndDigits() {
        assertTrue(ConfigValidator.TENANT_NAME.matcher("eu").matches());
        assertTrue(ConfigValidator.TENANT_NAME.matcher("customer42").matches());
        assertFalse(ConfigValidator.TENANT_NAME.matcher("EU").matches());
        assertFalse(ConfigValidator.TENANT_NAME.matcher("eu-west").matches());
        assertFalse(ConfigValidator.TENANT_NAME.matcher("default").matches(), "the unnamed tenant's name");
    }

    private static QlikConfig config(String url, String field, String template, String... more) {
        String[] base = { "qlik.tenant-url", url, "qlik.client-id", "client", "qlik.client-secret", SECRET,
                "qlik.user-lookup.field", field, "qlik.user-lookup.template", template };
        return Configs.qlik(concat(base, more));
    }

    private static QlikConfig withProvisioning(String clientId) {
        return clientId == null
                ? config("https://t.qlikcloud.com", "subject", "{claim}", "qlik.provisioning.enabled", "true")
                : config("https://t.qlikcloud.com", "subject", "{claim}", "qlik.provisioning.enabled", "true",
                        "qlik.provisioning.client-id", clientId, "qlik.provisioning.client-secret", "admin-secret");
    }
}
