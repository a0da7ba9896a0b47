package io.qlikbroker.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * Everything about one Qlik tenant and its clients: the unnamed {@code qlik.*} (the default tenant) and each
 * {@code qlik.tenants."<name>".*} have exactly these properties.
 */
public interface TenantSettings {

    /** The name of the unnamed tenant ({@code qlik.*}) in routes' labels, cache keys and audit lines. */
    String DEFAULT_TENANT = "default";

    /** How a tenant's properties are named: {@code qlik.} for the default, {@code qlik.tenants."<name>".} else. */
    static String propertyPrefix(String tenant) {
        return DEFAULT_TENANT.equals(tenant) ? "qlik." : "qlik.tenants.\"" + tenant + "\".";
    }

    /** Base URL of the tenant, e.g. {@code https://acme.eu.qlikcloud.com}. Must be https outside dev and test. */
    String tenantUrl();

    /** Id of the tenant's OAuth client that holds the user-impersonation grant. Public: qlik-embed sends it too. */
    String clientId();

    /** {@code client-secret} (the default) or {@code private-key-jwt}: how the client proves itself to the tenant. */
    @WithDefault("client-secret")
    String clientAuth();

    /** Secret of that client. Sent only in the body of {@code POST /oauth/token}; never logged. */
    Optional<String> clientSecret();

    /** A file holding the secret instead (a mounted Kubernetes Secret), re-read when it changes. */
    Optional<String> clientSecretFile();

    /**
     * With {@code private-key-jwt}: a PEM file of PKCS#8 private keys (RSA of at least 2048 bits, or EC P-384), re-read
     * when it changes. The first key signs; every key in it is published at {@code /.well-known/jwks.json}.
     */
    Optional<String> privateKeyFile();

    /** The {@code kid} the first key is registered under at Qlik; its RFC 7638 thumbprint when unset. */
    Optional<String> keyId();

    /** Space-separated scopes requested for every token; Qlik only lets it narrow what the client was granted. */
    @WithDefault("user_default")
    String scope();

    /** How a verified caller becomes a Qlik {@code user_lookup}. */
    UserLookup userLookup();

    /** Upper bound for one whole call to the tenant, connection included. */
    @WithDefault("5s")
    Duration timeout();

    /**
     * A claim of the verified identity that must list this tenant's name (a JSON array holding it, or a
     * space-separated string): {@code default} for the unnamed tenant, the name for a named one. Unset: every
     * authenticated user of the app may use this tenant.
     */
    Optional<String> requiredClaim();

    /** Just-in-time creation of users the tenant does not know yet (Qlik's impersonation never creates users). */
    Provisioning provisioning();

    /** The app's groups made the user's custom groups in Qlik before a token is minted (off by default). */
    Groups groups();

    interface Provisioning {

        /** Look users up, and create the missing ones, before impersonating them. */
        @WithDefault("false")
        boolean enabled();

        /** A separate machine-to-machine client with admin.users; never the impersonation client. */
        Optional<String> clientId();

        Optional<String> clientSecret();

        /** {@code client-secret} (the default) or {@code private-key-jwt}, as for the impersonation client. */
        @WithDefault("client-secret")
        String clientAuth();

        Optional<String> clientSecretFile();

        Optional<String> privateKeyFile();

        Optional<String> keyId();

        @WithDefault("admin.users")
        String scope();

        /** Claim of the verified identity that becomes the new user's name. */
        @WithDefault("name")
        String nameClaim();

        /** Claim of the verified identity that becomes the new user's email. */
        @WithDefault("email")
        String emailClaim();

        /** Copy the email claim only when the identity's {@code email_verified} claim is true. */
        @WithDefault("true")
        boolean requireVerifiedEmail();

        /** How long a user known to exist is trusted without asking the Users API again. */
        @WithDefault("1h")
        Duration knownUserTtl();
    }

    /**
     * Which of the app's groups become which Qlik custom groups. The admin client of {@code provisioning} makes the
     * changes; only the groups this mapping produces are ever added or removed (the "managed" groups).
     */
    interface Groups {

        /** {@code deny} refuses the token when groups cannot be synced; {@code allow} mints it anyway. */
        String DENY = "deny";
        String ALLOW = "allow";

        @WithDefault("false")
        boolean enabled();

        /** The identity's claim with its groups: a JSON array of strings, or one space-separated string. */
        @WithDefault("groups")
        String claim();

        /** A regular expression an app group must match (whole) to be synced; all groups when unset. */
        Optional<String> include();

        /**
         * Prepended to an app group's name to name its Qlik custom group; the custom groups with this prefix are the
         * managed ones. Not used when {@link #mapping()} is set.
         */
        @WithDefault("CG-")
        String prefix();

        /**
         * App group to Qlik group name, instead of the prefix: only the app groups listed here are synced, and the
         * managed groups are exactly the names on the right.
         */
        Map<String, String> mapping();

        /** More groups than this in one identity (after {@link #include()}) is refused with 403 too-many-groups. */
        @WithDefault("100")
        int max();

        /** {@link #DENY} or {@link #ALLOW}: what a failed sync means for the token. */
        @WithDefault(DENY)
        String onFailure();

        /** How long a user's synced set is trusted before Qlik is read again, even with an unchanged claim. */
        @WithDefault("1h")
        Duration resyncAfter();
    }

    interface UserLookup {

        /** Where the claim's value goes in {@link #template()}. */
        String CLAIM_PLACEHOLDER = "{claim}";

        /** {@code subject} or {@code userId}: the only two lookup fields Qlik accepts. */
        @WithDefault("subject")
        String field();

        /** Claim of the verified identity whose value is looked up. */
        @WithDefault("sub")
        String claim();

        /** How the claim value becomes the lookup value, e.g. {@code auth0|{claim}} for prefixed Qlik subjects. */
        @WithDefault("{claim}")
        String template();
    }
}
