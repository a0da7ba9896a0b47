package io.qlikbroker.qlik;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.qlikbroker.config.QlikConfig;
import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;
import io.smallrye.mutiny.Uni;

/**
 * Asks the tenant for a user's impersonation token. Owns the call's time limit and turns every upstream failure
 * into a {@link BrokerException}, so callers only ever see a token or a problem.
 */
@ApplicationScoped
public class ImpersonationClient {

    /** Qlik's documented default lifetime, used when an answer carries neither expires_in nor expires_at. */
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(6);

    private final QlikOAuthApi api;
    private final QlikConfig config;
    private final Clock clock;

    ImpersonationClient(@RestClient QlikOAuthApi api, QlikConfig config, Clock clock) {
        this.api = api;
        this.config = config;
        this.clock = clock;
    }

    public Uni<QlikToken> impersonate(UserLookup lookup) {
        ImpersonationTokenRequest request = ImpersonationTokenRequest.of(
                config.clientId(), config.clientSecret(), lookup, config.scope());
        return api.token(request)
                .ifNoItem().after(config.timeout())
                .failWith(() -> new BrokerException(ProblemKind.QLIK_TIMEOUT,
                        "Qlik did not answer within " + config.timeout().toMillis() + " ms."))
                .map(this::toToken)
                .onFailure(failure -> !(failure instanceof BrokerException)).transform(ImpersonationClient::translate);
    }

    private QlikToken toToken(QlikTokenResponse response) {
        if (response == null || response.accessToken() == null || response.accessToken().isBlank()) {
            throw QlikErrorClassifier.unavailable("Qlik answered without an access token.");
        }
        Instant now = clock.instant();
        String tokenType = response.tokenType() == null ? "bearer" : response.tokenType();
        return new QlikToken(response.accessToken(), tokenType, expiry(response, now));
    }

    private static Instant expiry(QlikTokenResponse response, Instant now) {
        if (response.expiresIn() != null && response.expiresIn() > 0) {
            return now.plusSeconds(response.expiresIn());
        }
        if (response.expiresAt() != null) {
            try {
                return Instant.parse(response.expiresAt());
            } catch (DateTimeParseException ignored) {
                // fall through to Qlik's documented default
            }
        }
        return now.plus(DEFAULT_LIFETIME);
    }

    private static Throwable translate(Throwable failure) {
        if (failure instanceof QlikErrorResponse response) {
            return QlikErrorClassifier.classify(response);
        }
        return QlikErrorClassifier.unreachable(failure);
    }
}
