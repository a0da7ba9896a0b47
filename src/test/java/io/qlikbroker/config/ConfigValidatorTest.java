package io.qlikbroker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

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
                new Config("ftp://" + SECRET, "", " ", "", "email", "", "no-placeholder", Duration.ZERO), false);
        assertEquals(8, problems.size(), problems.toString());
        assertFalse(String.join(" ", problems).contains(SECRET));
    }

    @Test
    void provisioningNeedsItsOwnSeparateClient() {
        Config base = (Config) config("https://t.qlikcloud.com", "subject", "{claim}");
        assertEquals(List.of("qlik.provisioning.client-id and qlik.provisioning.client-secret (or its file, or a private key) "
                + "must be set when qlik.provisioning.enabled is true"),
                ConfigValidator.problems(withProvisioning(base, null), false));
        assertEquals(List.of("qlik.provisioning.client-id must be a separate client, not the impersonation client"),
                ConfigValidator.problems(withProvisioning(base, "client"), false));
        assertEquals(List.of(), ConfigValidator.problems(withProvisioning(base, "admin-client"), false));
    }

    @Test
    void tenantNamesAreLowerCaseLettersAndDigits() {
        assertTrue(ConfigValidator.TENANT_NAME.matcher("eu").matches());
        assertTrue(ConfigValidator.TENANT_NAME.matcher("customer42").matches());
        assertFalse(ConfigValidator.TENANT_NAME.matcher("EU").matches());
        assertFalse(ConfigValidator.TENANT_NAME.matcher("eu-west").matches());
        assertFalse(ConfigValidator.TENANT_NAME.matcher("default").matches(), "the unnamed tenant's name");
    }

    private static Config withProvisioning(Config base, String clientId) {
        return new Config(base.tenantUrl(), base.clientId(), base.secret(), base.scope(), base.field(),
                base.claim(), base.template(), base.timeout(), provisioningOf(true, clientId));
    }

    private static QlikConfig.Provisioning provisioningOf(boolean enabled, String clientId) {
        return new QlikConfig.Provisioning() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public java.util.Optional<String> clientId() {
                return java.util.Optional.ofNullable(clientId);
            }

            @Override
            public java.util.Optional<String> clientSecret() {
                return java.util.Optional.ofNullable(clientId == null ? null : "admin-secret");
            }

            @Override
            public String scope() {
                return "admin.users";
            }

            @Override
            public String nameClaim() {
                return "name";
            }

            @Override
            public String emailClaim() {
                return "email";
            }

            @Override
            public Duration knownUserTtl() {
                return Duration.ofHours(1);
            }

            @Override
            public boolean requireVerifiedEmail() {
                return true;
            }

            @Override
            public String clientAuth() {
                return "client-secret";
            }

            @Override
            public java.util.Optional<String> clientSecretFile() {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<String> privateKeyFile() {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<String> keyId() {
                return java.util.Optional.empty();
            }
        };
    }

    private static QlikConfig config(String url, String field, String template) {
        return new Config(url, "client", SECRET, "user_default", field, "sub", template, Duration.ofSeconds(5));
    }

    private record Config(String tenantUrl, String clientId, String secret, String scope, String field,
            String claim, String template, Duration timeout, Provisioning provisioning) implements QlikConfig {

        Config(String tenantUrl, String clientId, String clientSecret, String scope, String field, String claim,
                String template, Duration timeout) {
            this(tenantUrl, clientId, clientSecret, scope, field, claim, template, timeout, provisioningOf(false, null));
        }

        @Override
        public Provisioning provisioning() {
            return provisioning;
        }

        @Override
        public java.util.Optional<String> requiredClaim() {
            return java.util.Optional.empty();
        }

        @Override
        public String clientAuth() {
            return "client-secret";
        }

        @Override
        public java.util.Optional<String> clientSecret() {
            return java.util.Optional.ofNullable(secret);
        }

        @Override
        public java.util.Optional<String> clientSecretFile() {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<String> privateKeyFile() {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<String> keyId() {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Map<String, NamedTenant> tenants() {
            return java.util.Map.of();
        }

        @Override
        public UserLookup userLookup() {
            return new UserLookup() {
                @Override
                public String field() {
                    return field;
                }

                @Override
                public String claim() {
                    return claim;
                }

                @Override
                public String template() {
                    return template;
                }
            };
        }
    }
}
