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

    private static QlikConfig config(String url, String field, String template) {
        return new Config(url, "client", SECRET, "user_default", field, "sub", template, Duration.ofSeconds(5));
    }

    private record Config(String tenantUrl, String clientId, String clientSecret, String scope, String field,
            String claim, String template, Duration timeout) implements QlikConfig {

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
