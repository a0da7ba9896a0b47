package io.qlikbroker.session;

import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.qlikbroker.problem.Problem;
import io.qlikbroker.problem.ProblemKind;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.json.Json;

/**
 * Refuses cross-site requests to the sign-out path ({@code quarkus.oidc.logout.path}) before quarkus-oidc ends the
 * session: a sign-out is a state change, and the rule is {@link CsrfGuard#allowsSignOut}.
 */
@Singleton
public class SignOutGuard {

    /** Ahead of authentication (200) and CORS (300), so that the session is never touched. */
    static final int PRIORITY = 400;

    void install(@Observes Filters filters, CsrfGuard guard,
            @ConfigProperty(name = "quarkus.oidc.logout.path") Optional<String> logoutPath) {
        if (logoutPath.filter(path -> !path.isBlank()).isEmpty()) {
            return;
        }
        String path = logoutPath.get();
        String refusal = Json.encode(Problem.of(ProblemKind.CROSS_SITE_REQUEST,
                "Sign-out is only accepted from this application's own pages."));
        filters.register(context -> {
            if (!path.equals(context.normalizedPath()) || guard.allowsSignOut(context.request())) {
                context.next();
                return;
            }
            context.response().setStatusCode(ProblemKind.CROSS_SITE_REQUEST.status())
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Cache-Control", "no-store")
                    .end(refusal);
        }, PRIORITY);
    }
}
