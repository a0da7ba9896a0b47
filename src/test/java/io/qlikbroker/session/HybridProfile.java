package io.qlikbroker.session;

import io.qlikbroker.testing.ConfigProfile;

/**
 * The broker running the code flow itself, with its OIDC client secret and sign-out, the example page, and
 * revocation on DELETE: the settings of a typical hybrid deployment, shared by every test of those features so that
 * they run in one application start. Two more tenants on the same fake change how users are looked up: one by the
 * Qlik user id of users it creates on their first visit, one by a templated employee_id claim with a wider scope. The
 * circuit breaker opens after a few failures and closes a second later, so that its test sees both in one application.
 */
public class HybridProfile extends ConfigProfile {

    /** The subject of the ID token OidcWiremockTestResource issues for its code flow. */
    public static final String CODE_FLOW_SUBJECT = "123456";
    /** Served at /tenants/byid/access-token: user lookup by Qlik user id, the subject template auth0|{claim}. */
    public static final String BY_USER_ID_TENANT = "byid";
    /** Served at /tenants/employees/access-token: userId auth0|{employee_id}, scope "user_default admin_classic". */
    public static final String EMPLOYEES_TENANT = "employees";

    public HybridProfile() {
        super("quarkus.oidc.application-type", "hybrid",
                "quarkus.oidc.credentials.secret", "app-client-secret",
                "quarkus.oidc.logout.path", "/logout",
                "quarkus.oidc.logout.post-logout-path", "/",
                "broker.demo.enabled", "true", "broker.demo.app-id", "demo-app", "broker.demo.object-id", "demo-chart",
                "broker.revoke-on-logout", "true",
                "broker.circuit-breaker.request-volume", "4", "broker.circuit-breaker.failure-ratio", "0.5",
                "broker.circuit-breaker.delay", "1s");
        String byUserId = tenantOnTheSameFake(BY_USER_ID_TENANT);
        put(byUserId + "user-lookup.field", "userId", byUserId + "user-lookup.template", "auth0|{claim}",
                byUserId + "provisioning.enabled", "true", byUserId + "provisioning.client-id", "byid-provisioning-client",
                byUserId + "provisioning.client-secret", "byid-provisioning-secret-0123456789");
        String employees = tenantOnTheSameFake(EMPLOYEES_TENANT);
        put(employees + "user-lookup.claim", "employee_id", employees + "user-lookup.template", "auth0|{claim}",
                employees + "user-lookup.field", "userId", employees + "scope", "user_default admin_classic");
    }

    /** A named tenant served by the default tenant's fake with the same client; its property prefix. */
    private String tenantOnTheSameFake(String name) {
        String prefix = "qlik.tenants.\"" + name + "\".";
        put(prefix + "tenant-url", "${qlik.tenant-url}", prefix + "client-id", "${qlik.client-id}",
                prefix + "client-secret", "${qlik.client-secret}");
        return prefix;
    }
}
