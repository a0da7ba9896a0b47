package io.qlikbroker.openapi;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/**
 * The OpenAPI document's header ({@code /q/openapi} on the management port) and the two ways a caller proves who it
 * is. MicroProfile OpenAPI reads these annotations from the JAX-RS application class; it adds no path and no
 * resource (Quarkus REST serves every resource either way). The problem answers of every route come from
 * {@link TokenRouteResponses}, so they follow {@code ProblemKind}.
 */
@OpenAPIDefinition(info = @Info(title = "qlik-token-broker", version = "1", description = """
        Gives the signed-in users of a web app Qlik Cloud access tokens through OAuth impersonation. The caller is \
        whoever the verified credentials say: a bearer token from the app's identity provider, or the session \
        cookie of the code flow (hybrid mode). Errors are RFC 9457 problem details."""))
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = BrokerApi.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT", description = "An access token of the app's identity provider for this API "
                + "(its audience is quarkus.oidc.token.audience)."),
        @SecurityScheme(securitySchemeName = BrokerApi.SESSION, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE, apiKeyName = BrokerApi.SESSION_COOKIE, description = "The session "
                + "cookie of the code flow (quarkus.oidc.application-type=hybrid); same-site requests only.") })
public class BrokerApi extends Application {

    public static final String BEARER = "bearer";
    public static final String SESSION = "session";
    /** quarkus-oidc's session cookie of the code-flow tenant (session.CodeFlowTenantResolver). */
    static final String SESSION_COOKIE = "q_session_web-app";
}
