package io.qlikbroker.session;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;
import io.vertx.core.http.HttpServerRequest;

/**
 * Keeps other sites from spending a user's session cookie on the token routes. A browser attaches the cookie to a
 * cross-site POST, but it also says where the request comes from ({@code Origin}, {@code Sec-Fetch-Site}), and a
 * page cannot forge those. Bearer-authenticated calls carry their credential explicitly and are not CSRF-prone.
 * Qlik's example page ({@code fetch("/access-token", {method: "POST", credentials: "include", mode:
 * "same-origin"})}) sends {@code Origin} equal to the broker's own and passes unchanged.
 */
@ApplicationScoped
public class CsrfGuard {

    private final Optional<List<String>> allowedOrigins;
    private final Optional<String> requiredHeader;

    CsrfGuard(BrokerConfig config) {
        this.allowedOrigins = config.allowedOrigins()
                .map(origins -> origins.stream().map(origin -> origin.toLowerCase(Locale.ROOT)).toList());
        this.requiredHeader = config.csrf().requireHeader().filter(header -> !header.isBlank());
    }

    /** Throws the 403 problem unless the request is bearer-authenticated or comes from an allowed page. */
    public void check(HttpServerRequest request) {
        check(RequestOrigin.of(request));
    }

    /** Whether a request to the sign-out path may end the session; see {@link #allowsSignOut(RequestOrigin)}. */
    public boolean allowsSignOut(HttpServerRequest request) {
        return allowsSignOut(RequestOrigin.of(request));
    }

    void check(RequestOrigin request) {
        String authorization = request.authorization();
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return;
        }
        if (!fromAllowedPage(request)) {
            throw refused("The request does not come from a page allowed to use your session.");
        }
        if (requiredHeader.isPresent() && isBlank(request.header().apply(requiredHeader.get()))) {
            throw refused("The request lacks the " + requiredHeader.get() + " header this service requires.");
        }
    }

    /**
     * A page of an allowed origin (a form POST carries {@code Origin}), a same-origin navigation, or an address the
     * user typed ({@code Sec-Fetch-Site: none}). Any other site could otherwise sign the user out with a link or an
     * image, since SameSite=Lax sends the cookie on top-level navigation.
     */
    boolean allowsSignOut(RequestOrigin request) {
        if (request.origin() != null) {
            return isAllowed(request.origin(), request);
        }
        return "same-origin".equals(request.secFetchSite()) || "none".equals(request.secFetchSite());
    }

    private boolean fromAllowedPage(RequestOrigin request) {
        if (request.origin() == null) {
            // Browsers send Origin with every POST; without it, only Fetch Metadata can vouch for the page.
            return "same-origin".equals(request.secFetchSite());
        }
        return isAllowed(request.origin(), request);
    }

    private boolean isAllowed(String origin, RequestOrigin request) {
        String normalized = origin.strip().toLowerCase(Locale.ROOT);
        return allowedOrigins
                .map(origins -> origins.contains(normalized))
                .orElseGet(() -> normalized.equals(request.ownOrigin()));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static BrokerException refused(String detail) {
        return new BrokerException(ProblemKind.CROSS_SITE_REQUEST, detail);
    }
}
