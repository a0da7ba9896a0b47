package io.qlikbroker.token;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;

import io.qlikbroker.cache.CachedToken;
import io.qlikbroker.domain.QlikToken;
import io.qlikbroker.domain.TokenDecision;
import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.Problem;
import io.qlikbroker.problem.ProblemKind;
import io.qlikbroker.session.CsrfGuard;
import io.qlikbroker.tenant.QlikTenant;
import io.qlikbroker.tenant.TenantRegistry;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * What {@code POST} and {@code DELETE} on a token route do, for the default tenant's route and the named ones
 * alike. The body and query are ignored on purpose: the user is whoever the verified credentials say.
 */
@ApplicationScoped
public class TokenEndpoint {

    private final TokenService tokens;
    private final TenantRegistry tenants;
    private final DecisionRecorder decisions;
    private final CsrfGuard csrfGuard;
    private final Clock clock;

    TokenEndpoint(TokenService tokens, TenantRegistry tenants, DecisionRecorder decisions, CsrfGuard csrfGuard,
            Clock clock) {
        this.tokens = tokens;
        this.tenants = tenants;
        this.decisions = decisions;
        this.csrfGuard = csrfGuard;
        this.clock = clock;
    }

    /** The default tenant, served at {@code /access-token}. */
    QlikTenant defaultTenant() {
        return tenants.defaultTenant();
    }

    /** A named tenant; an unknown name is a 404, recorded like every other decision. */
    QlikTenant namedTenant(String name, SecurityIdentity identity) {
        return tenants.named(name).orElseThrow(() -> {
            BrokerException unknown = new BrokerException(ProblemKind.UNKNOWN_TENANT, "There is no Qlik tenant by that name.");
            decisions.record(TokenDecision.refused(TokenDecision.NO_TENANT, unknown, identity.getPrincipal().getName(),
                    null, null));
            return unknown;
        });
    }

    /** The metric and audit label for a route's tenant: its name when configured (the name is the caller's input). */
    String label(String name) {
        return name != null && tenants.named(name).isPresent() ? name : TokenDecision.NO_TENANT;
    }

    /** Bare token as text/plain, which qlik-embed's getAccessToken() reads with response.text(); JSON on request. */
    Uni<RestResponse<Object>> issue(SecurityIdentity identity, QlikTenant tenant, HttpHeaders headers,
            HttpServerRequest request) {
        admit(identity, tenant, headers, request);
        MediaType type = mediaType(headers.getAcceptableMediaTypes())
                .orElseThrow(() -> new WebApplicationException(Response.Status.NOT_ACCEPTABLE));
        return tokens.tokenFor(identity, tenant)
                .map(CachedToken::token)
                .map(token -> type == MediaType.APPLICATION_JSON_TYPE
                        ? RestResponse.ok(asJson(token), type)
                        : RestResponse.ok(token.accessToken(), type));
    }

    /** Forgets the caller's cached token, for the app's logout; 204 whether or not one was cached. */
    Uni<RestResponse<Void>> forget(SecurityIdentity identity, QlikTenant tenant, HttpHeaders headers,
            HttpServerRequest request) {
        admit(identity, tenant, headers, request);
        return tokens.forget(identity, tenant).map(ignored -> RestResponse.noContent());
    }

    /**
     * A token route answers 401 with a bearer challenge, never a redirect to the login page, even when the service
     * also runs the code flow ({@code application-type=hybrid}): the caller is a script that cannot follow it.
     */
    RestResponse<Problem> unauthenticated(String tenant, HttpHeaders headers) {
        boolean presentedToken = headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        String challenge = presentedToken ? "Bearer error=\"invalid_token\"" : "Bearer";
        Problem problem = Problem.of(ProblemKind.UNAUTHENTICATED,
                presentedToken ? "The bearer token is invalid or expired." : "Sign in, or send a bearer token.");
        decisions.record(TokenDecision.refused(tenant, new BrokerException(ProblemKind.UNAUTHENTICATED, problem.detail()),
                null, null, null));
        return problem.toResponse().header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }

    /** Checks that precede any use of the identity: an unambiguous credential, and no cross-site cookie use. */
    private void admit(SecurityIdentity identity, QlikTenant tenant, HttpHeaders headers, HttpServerRequest request) {
        if (headers.getRequestHeader(HttpHeaders.AUTHORIZATION).size() > 1) {
            // Which of two credentials a proxy, the framework and a log would each pick is anyone's guess.
            throw new AuthenticationFailedException("More than one Authorization header");
        }
        try {
            csrfGuard.check(request);
        } catch (BrokerException refused) {
            decisions.record(TokenDecision.refused(tenant.name(), refused, identity.getPrincipal().getName(), null, null));
            throw refused;
        }
    }

    private Object asJson(QlikToken token) {
        return new AccessTokenResponse(token.accessToken(), token.tokenType(),
                token.remainingLifetime(clock.instant()).toSeconds(), token.expiresAt());
    }

    /**
     * text/plain unless the caller ranks JSON above it; fetch() and curl send *&#47;* and get text. Empty when the
     * caller accepts neither. Decided here, after authentication, so that an anonymous caller is always told 401.
     */
    static Optional<MediaType> mediaType(List<MediaType> acceptable) {
        for (MediaType type : acceptable) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
                return Optional.of(MediaType.APPLICATION_JSON_TYPE);
            }
            if (type.isCompatible(MediaType.TEXT_PLAIN_TYPE)) {
                return Optional.of(MediaType.TEXT_PLAIN_TYPE);
            }
        }
        return acceptable.isEmpty() ? Optional.of(MediaType.TEXT_PLAIN_TYPE) : Optional.empty();
    }
}
