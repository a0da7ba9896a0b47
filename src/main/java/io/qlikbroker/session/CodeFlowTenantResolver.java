package io.qlikbroker.session;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcConfig;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Keeps bearer tokens and code-flow ID tokens apart. quarkus-oidc checks one tenant's ID tokens against the same
 * {@code quarkus.oidc.token.audience} as its bearer tokens, so a single hybrid tenant that accepts the app's ID
 * tokens also accepts them as bearer tokens, including the one it puts in the logout redirect's
 * {@code id_token_hint}, which ends up in browser history and the provider's logs.
 *
 * <p>
 * So in hybrid mode a request with an {@code Authorization} header stays with the configured tenant, whose
 * audience is the API's only, and every other request (the session cookie, the code flow, sign-out) goes to a
 * {@code web-app} tenant derived from the same settings, whose ID tokens must be issued to the client id.
 * Operators configure one tenant, {@code quarkus.oidc.*}, as before.
 */
@ApplicationScoped
public class CodeFlowTenantResolver implements TenantConfigResolver {

    static final String TENANT_ID = "web-app";

    /** Null when the broker only takes bearer tokens. */
    private final OidcTenantConfig codeFlow;

    CodeFlowTenantResolver(OidcConfig oidc) {
        io.quarkus.oidc.runtime.OidcTenantConfig configured = OidcConfig.getDefaultTenant(oidc);
        boolean hybrid = configured.applicationType().orElse(ApplicationType.SERVICE) == ApplicationType.HYBRID;
        this.codeFlow = hybrid && configured.tenantEnabled() && configured.clientId().isPresent()
                ? OidcTenantConfig.builder(configured)
                        .tenantId(TENANT_ID)
                        .applicationType(ApplicationType.WEB_APP)
                        .token().audience(configured.clientId().get()).end()
                        .build()
                : null;
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        if (codeFlow == null || context.request().headers().contains(HttpHeaders.AUTHORIZATION)) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(codeFlow);
    }
}
