package io.qlikbroker.token;

import java.time.Clock;
import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.qlikbroker.cache.CachedToken;
import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.Problem;
import io.qlikbroker.problem.ProblemKind;
import io.qlikbroker.qlik.QlikToken;
import io.qlikbroker.session.CsrfGuard;
import io.quarkus.security.Authenticated;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /access-token}: the signed-in caller's Qlik token. The body and query are ignored on purpose: the
 * user is whoever the verified credentials say.
 */
@Path("/access-token")
@Authenticated
public class AccessTokenResource {

    private final SecurityIdentity identity;
    private final TokenService tokens;
    private final CsrfGuard csrfGuard;
    private final Clock clock;

    AccessTokenResource(SecurityIdentity identity, TokenService tokens, CsrfGuard csrfGuard, Clock clock) {
        this.identity = identity;
        this.tokens = tokens;
        this.csrfGuard = csrfGuard;
        this.clock = clock;
    }

    /** Bare token as text/plain, which qlik-embed's getAccessToken() reads with response.text(); JSON on request. */
    @POST
    @Produces({ MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON })
    public Uni<RestResponse<Object>> issue(HttpHeaders headers, HttpServerRequest request) {
        admit(headers, request);
        boolean json = prefersJson(headers.getAcceptableMediaTypes());
        return tokens.tokenFor(identity)
                .map(CachedToken::token)
                .map(token -> json
                        ? RestResponse.ok(asJson(token), MediaType.APPLICATION_JSON_TYPE)
                        : RestResponse.ok(token.accessToken(), MediaType.TEXT_PLAIN_TYPE));
    }

    /** Forgets the caller's cached token, for the app's logout; 204 whether or not one was cached. */
    @DELETE
    public Uni<RestResponse<Void>> forget(HttpHeaders headers, HttpServerRequest request) {
        admit(headers, request);
        return tokens.forget(identity).map(ignored -> RestResponse.noContent());
    }

    /** Checks that precede any use of the identity: an unambiguous credential, and no cross-site cookie use. */
    private void admit(HttpHeaders headers, HttpServerRequest request) {
        if (headers.getRequestHeader(HttpHeaders.AUTHORIZATION).size() > 1) {
            // Which of two credentials a proxy, the framework and a log would each pick is anyone's guess.
            throw new AuthenticationFailedException("More than one Authorization header");
        }
        try {
            csrfGuard.check(request);
        } catch (BrokerException refused) {
            tokens.refused(refused, identity.getPrincipal().getName(), null);
            throw refused;
        }
    }

    private Object asJson(QlikToken token) {
        return new AccessTokenResponse(token.accessToken(), token.tokenType(),
                token.remainingLifetime(clock.instant()).toSeconds(), token.expiresAt());
    }

    /** text/plain unless the caller ranks JSON above it; fetch() and curl send *&#47;* and get text. */
    static boolean prefersJson(List<MediaType> acceptable) {
        for (MediaType type : acceptable) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
                return true;
            }
            if (type.isCompatible(MediaType.TEXT_PLAIN_TYPE)) {
                return false;
            }
        }
        return false;
    }

    /**
     * A token route answers 401 with a bearer challenge, never a redirect to the login page, even when the service
     * also runs the code flow ({@code application-type=hybrid}): the caller is a script that cannot follow it.
     */
    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class })
    RestResponse<Problem> unauthenticated(RuntimeException e, HttpHeaders headers) {
        boolean presentedToken = headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        String challenge = presentedToken ? "Bearer error=\"invalid_token\"" : "Bearer";
        Problem problem = Problem.of(ProblemKind.UNAUTHENTICATED,
                presentedToken ? "The bearer token is invalid or expired." : "Sign in, or send a bearer token.");
        tokens.refused(new BrokerException(ProblemKind.UNAUTHENTICATED, problem.detail()), null, null);
        return problem.toResponse().header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }
}
