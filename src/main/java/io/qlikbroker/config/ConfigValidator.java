package io.qlikbroker.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.qlikbroker.credentials.ClientCredential;
import io.qlikbroker.credentials.CredentialException;
import io.qlikbroker.domain.UserLookup;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Refuses to start with configuration that would only fail later, on a user's request. Quarkus prints the message
 * of a {@link ConfigurationException} on its own, without a stack trace, and exits non-zero. Messages name the
 * property and never its value: some of them are secrets.
 */
@Singleton
public class ConfigValidator {

    private static final Logger LOG = Logger.getLogger(ConfigValidator.class);
    static final String AUDIENCE = "quarkus.oidc.token.audience";
    static final String ANY_AUDIENCE = "any";
    static final String REDIS_HOSTS = "quarkus.redis.hosts";
    static final Set<String> LOOKUP_FIELDS = Set.of(UserLookup.SUBJECT, UserLookup.USER_ID);
    private static final Pattern LOOPBACK_IPV4 = Pattern.compile(
            "127(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    /** Qlik's limit on a group's name. */
    public static final int MAX_GROUP_NAME = 256;
    /** Letters and digits only: {@code QLIK_TENANTS__EU__TENANT_URL} must map back to {@code qlik.tenants."eu"}. */
    static final Pattern TENANT_NAME = Pattern.compile("(?!default$)[a-z0-9]+");

    void onStart(@Observes StartupEvent event, QlikConfig qlik, BrokerConfig broker,
            Event<ConfigurationValidated> validated) {
        boolean devOrTest = LaunchMode.current().isDevOrTest();
        List<String> problems = problems(qlik, devOrTest);
        problems.addAll(problems(broker));
        if (BrokerConfig.Store.REDIS.equals(broker.store().kind())
                && ConfigProvider.getConfig().getOptionalValue(REDIS_HOSTS, String.class).filter(h -> !h.isBlank()).isEmpty()) {
            problems.add(REDIS_HOSTS + " must name the Redis server (redis://host:6379) when broker.store is redis");
        }
        Optional<List<String>> audience = ConfigProvider.getConfig().getOptionalValues(AUDIENCE, String.class);
        problems.addAll(audienceProblems(audience, devOrTest));
        if (audience.filter(values -> values.contains(ANY_AUDIENCE)).isPresent() && !devOrTest) {
            LOG.warnf("%s=%s: bearer tokens issued to any client of the identity provider are accepted", AUDIENCE,
                    ANY_AUDIENCE);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid configuration: " + String.join("; ", problems));
        }
        validated.fire(new ConfigurationValidated());
    }

    /**
     * Outside dev and test a bearer token must be meant for this service: without an audience, a token the provider
     * minted for any other client of the realm would pass. {@code any} says so explicitly (and is warned about).
     */
    public static List<String> audienceProblems(Optional<List<String>> audience, boolean devOrTest) {
        if (devOrTest || audience.filter(values -> values.stream().anyMatch(value -> !value.isBlank())).isPresent()) {
            return List.of();
        }
        return List.of(AUDIENCE + " must be set to the audience of your API's bearer tokens (or to 'any', which "
                + "accepts tokens issued to any client)");
    }

    public static List<String> problems(BrokerConfig broker) {
        List<String> problems = new ArrayList<>();
        if (broker.cache().maxEntries() < 1) {
            problems.add("broker.cache.max-entries must be at least 1");
        }
        if (broker.bearerCache().maxEntries() < 1) {
            problems.add("broker.bearer-cache.max-entries must be at least 1");
        }
        if (broker.bearerCache().maxBytes().asLongValue() < 1024) {
            problems.add("broker.bearer-cache.max-bytes must be at least 1K");
        }
        if (broker.rateLimit().perUser() < 1) {
            problems.add("broker.rate-limit.per-user must be at least 1");
        }
        if (broker.rateLimit().maxPause().isNegative() || broker.rateLimit().maxPause().isZero()) {
            problems.add("broker.rate-limit.max-pause must be positive");
        }
        if (broker.audit().hashIdentities() && broker.audit().hashKey().filter(key -> !key.isBlank()).isEmpty()) {
            problems.add("broker.audit.hash-key must be set when broker.audit.hash-identities is true");
        }
        broker.allowedOrigins().ifPresent(origins -> origins.stream()
                .filter(origin -> !origin.matches("https?://[^/?#\\s]+"))
                .findFirst()
                .ifPresent(
                        bad -> problems.add("broker.allowed-origins entries must be origins such as https://app.example.com")));
        if (broker.cache().refreshMargin().isNegative()) {
            problems.add("broker.cache.refresh-margin must not be negative");
        }
        if (broker.circuitBreaker().requestVolume() < 1) {
            problems.add("broker.circuit-breaker.request-volume must be at least 1");
        }
        double ratio = broker.circuitBreaker().failureRatio();
        if (!(ratio > 0 && ratio <= 1)) {
            problems.add("broker.circuit-breaker.failure-ratio must be above 0 and at most 1");
        }
        if (broker.circuitBreaker().delay().isNegative() || broker.circuitBreaker().delay().isZero()) {
            problems.add("broker.circuit-breaker.delay must be positive");
        }
        problems.addAll(storeProblems(broker.store()));
        return problems;
    }

    /** Every problem found, so that an operator fixes them all in one round. */
    public static List<String> problems(QlikConfig qlik, boolean allowPlainHttp) {
        List<String> problems = tenantProblems(qlik, TenantSettings.propertyPrefix(TenantSettings.DEFAULT_TENANT),
                allowPlainHttp);
        qlik.tenants().forEach((name, tenant) -> {
            if (!TENANT_NAME.matcher(name).matches()) {
                problems.add("qlik.tenants: tenant names must be lower-case letters and digits, and not 'default'");
            } else {
                problems.addAll(tenantProblems(tenant, TenantSettings.propertyPrefix(name), allowPlainHttp));
            }
        });
        return problems;
    }

    private static List<String> tenantProblems(TenantSettings tenant, String prefix, boolean allowPlainHttp) {
        List<String> problems = new ArrayList<>();
        String urlProblem = tenantUrlProblem(tenant.tenantUrl(), allowPlainHttp);
        if (urlProblem != null) {
            problems.add(prefix + "tenant-url " + urlProblem);
        }
        requireText(problems, prefix + "client-id", tenant.clientId());
        credentialProblem(prefix, ClientSettings.impersonation(tenant), tenant).ifPresent(problems::add);
        requireText(problems, prefix + "scope", tenant.scope());
        requireText(problems, prefix + "user-lookup.claim", tenant.userLookup().claim());
        if (!LOOKUP_FIELDS.contains(tenant.userLookup().field())) {
            problems.add(prefix + "user-lookup.field must be 'subject' or 'userId'");
        }
        if (!tenant.userLookup().template().contains(TenantSettings.UserLookup.CLAIM_PLACEHOLDER)) {
            problems.add(prefix + "user-lookup.template must contain " + TenantSettings.UserLookup.CLAIM_PLACEHOLDER);
        }
        if (tenant.timeout().isNegative() || tenant.timeout().isZero()) {
            problems.add(prefix + "timeout must be positive");
        }
        TenantSettings.Provisioning provisioning = tenant.provisioning();
        if (ClientSettings.adminClientUsed(tenant)) {
            boolean noCredential = provisioning.clientSecret().isEmpty() && provisioning.clientSecretFile().isEmpty()
                    && provisioning.privateKeyFile().isEmpty();
            if (provisioning.clientId().filter(id -> !id.isBlank()).isEmpty() || noCredential) {
                problems.add(prefix + "provisioning.client-id and " + prefix + "provisioning.client-secret (or its file, "
                        + "or a private key) must be set when " + prefix + "provisioning.enabled or " + prefix
                        + "groups.enabled is true");
            } else if (provisioning.clientId().get().equals(tenant.clientId())) {
                // Qlik's guidance: the impersonation client must never hold admin scopes.
                problems.add(prefix + "provisioning.client-id must be a separate client, not the impersonation client");
            } else {
                credentialProblem(prefix + "provisioning.", ClientSettings.provisioning(provisioning), tenant)
                        .ifPresent(problems::add);
            }
        }
        if (tenant.groups().enabled()) {
            problems.addAll(groupProblems(tenant.groups(), prefix + "groups."));
        }
        return problems;
    }

    static List<String> storeProblems(BrokerConfig.Store store) {
        List<String> problems = new ArrayList<>();
        if (!Set.of(BrokerConfig.Store.MEMORY, BrokerConfig.Store.REDIS).contains(store.kind())) {
            problems.add("broker.store must be 'memory' or 'redis'");
            return problems;
        }
        if (store.timeout().isNegative() || store.timeout().isZero()) {
            problems.add("broker.store.timeout must be positive");
        }
        if (BrokerConfig.Store.REDIS.equals(store.kind()) && !isAes256Key(store.encryptionKey())) {
            problems.add("broker.store.encryption-key must be the base64 of 32 random bytes (openssl rand -base64 32) "
                    + "when broker.store is redis");
        }
        return problems;
    }

    private static boolean isAes256Key(Optional<String> key) {
        try {
            return key.isPresent() && java.util.Base64.getDecoder().decode(key.get().strip()).length == 32;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    static List<String> groupProblems(TenantSettings.Groups groups, String prefix) {
        List<String> problems = new ArrayList<>();
        requireText(problems, prefix + "claim", groups.claim());
        groups.include().ifPresent(include -> {
            try {
                Pattern.compile(include);
            } catch (java.util.regex.PatternSyntaxException e) {
                problems.add(prefix + "include is not a valid regular expression");
            }
        });
        if (groups.mapping().isEmpty() && groups.prefix().isBlank()) {
            // Without a prefix every custom group of the tenant would look managed, an administrator's own included.
            problems.add(prefix + "prefix must not be blank unless " + prefix + "mapping is set");
        }
        if (groups.mapping().values().stream().anyMatch(name -> name.isBlank() || name.length() > MAX_GROUP_NAME)) {
            problems.add(prefix + "mapping values must be Qlik group names of 1 to " + MAX_GROUP_NAME + " characters");
        }
        if (groups.max() < 1) {
            problems.add(prefix + "max must be at least 1");
        }
        if (!Set.of(TenantSettings.Groups.DENY, TenantSettings.Groups.ALLOW).contains(groups.onFailure())) {
            problems.add(prefix + "on-failure must be 'deny' or 'allow'");
        }
        if (groups.resyncAfter().isNegative() || groups.resyncAfter().isZero()) {
            problems.add(prefix + "resync-after must be positive");
        }
        return problems;
    }

    /**
     * Builds the client's credential as the broker will: a missing, unreadable, malformed or too weak key or secret
     * file, or a secret set beside a key, is refused here, at start-up, by the same code that would fail later.
     */
    private static Optional<String> credentialProblem(String prefix, ClientCredential.Settings client,
            TenantSettings tenant) {
        try {
            ClientCredential.of(prefix, client, ClientSettings.tokenEndpoint(tenant), Clock.systemUTC());
            return Optional.empty();
        } catch (CredentialException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String tenantUrlProblem(String value, boolean allowPlainHttp) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            return "must be an absolute URL such as https://tenant.eu.qlikcloud.com";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            return "must not carry credentials, a query or a fragment";
        }
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            return null;
        }
        if ("http".equalsIgnoreCase(uri.getScheme()) && (allowPlainHttp || isLoopback(uri.getHost()))) {
            return null;
        }
        // The client secret travels in the request body: plain http would expose it on the wire.
        return "must use https";
    }

    /**
     * Only what cannot resolve anywhere else: {@code localhost}, {@code [::1]} and IPv4 literals in 127.0.0.0/8. A
     * prefix test would let {@code 127.0.0.1.attacker.example} through, a name anyone can point anywhere.
     */
    static boolean isLoopback(String host) {
        String lower = host.toLowerCase(java.util.Locale.ROOT);
        return lower.equals("localhost") || lower.equals("[::1]") || LOOPBACK_IPV4.matcher(lower).matches();
    }

    private static void requireText(List<String> problems, String property, String value) {
        if (value == null || value.isBlank()) {
            problems.add(property + " must not be blank");
        }
    }
}
