package io.qlikbroker.session;

import java.util.Locale;
import java.util.function.UnaryOperator;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

/**
 * What a request says about where it comes from, and where it was sent: all that {@link CsrfGuard} decides on.
 * {@code header} reads any other header (the optionally required one).
 */
record RequestOrigin(String authorization, String origin, String secFetchSite, String ownOrigin,
        UnaryOperator<String> header) {

    static RequestOrigin of(HttpServerRequest request) {
        return new RequestOrigin(request.getHeader("Authorization"), request.getHeader("Origin"),
                request.getHeader("Sec-Fetch-Site"), ownOrigin(request), request::getHeader);
    }

    /** The Authorization header can hold a bearer token: only whether there is one is printed. */
    @Override
    public String toString() {
        return "RequestOrigin[authorization=" + (authorization == null ? "none" : "present") + ", origin=" + origin
                + ", secFetchSite=" + secFetchSite + ", ownOrigin=" + ownOrigin + "]";
    }

    /** The scheme and authority this request was addressed to ({@code Host}, or HTTP/2's {@code :authority}). */
    private static String ownOrigin(HttpServerRequest request) {
        HostAndPort authority = request.authority();
        if (authority == null) {
            return "";
        }
        String port = authority.port() < 0 ? "" : ":" + authority.port();
        return (request.scheme() + "://" + authority.host() + port).toLowerCase(Locale.ROOT);
    }
}
