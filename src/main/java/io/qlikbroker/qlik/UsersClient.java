package io.qlikbroker.qlik;

import java.time.Clock;
import java.util.Optional;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.qlikbroker.config.TenantSettings;
import io.qlikbroker.credentials.ClientCredential;
import io.qlikbroker.domain.QlikToken;
import io.qlikbroker.problem.BrokerException;
import io.smallrye.mutiny.Uni;

/**
 * The provisioning client's calls: its own token ({@code client_credentials}, {@code admin.users}) and the Users
 * API. Every failure becomes a {@link BrokerException}; a 409 on creation (a concurrent creation won the race) is
 * success, followed by a lookup.
 */
public class UsersClient {

    private final QlikOAuthApi oauth;
    private final QlikUsersApi users;
    private final TenantSettings config;
    /** The provisioning client's credential; absent when provisioning is off. */
    private final Optional<ClientCredential> adminCredential;
    private final Clock clock;
    private final RetryAfter retryAfter;

    UsersClient(QlikOAuthApi oauth, QlikUsersApi users, TenantSettings config, Optional<ClientCredential> adminCredential,
            Clock clock, RetryAfter retryAfter) {
        this.adminCredential = adminCredential;
        this.oauth = oauth;
        this.users = users;
        this.config = config;
        this.clock = clock;
        this.retryAfter = retryAfter;
    }

    public Uni<QlikToken> adminToken() {
        TenantSettings.Provisioning provisioning = config.provisioning();
        return guarded(Uni.createFrom().deferred(() -> oauth.clientCredentials(ClientCredentialsRequest.of(
                provisioning.clientId().orElseThrow(), adminCredential.orElseThrow().proof(), provisioning.scope()))))
                .map(response -> response.toToken(clock.instant()));
    }

    public Uni<Optional<QlikUser>> findBySubject(String subject, QlikToken admin) {
        return guarded(users.find(subjectFilter(subject), bearer(admin)))
                .map(page -> page.data() == null ? Optional.<QlikUser> empty()
                        : page.data().stream().filter(user -> subject.equals(user.subject())).findFirst());
    }

    /** Creates the user, or finds the one a concurrent request created first. */
    public Uni<QlikUser> create(String subject, String name, String email, QlikToken admin) {
        return users.create(NewQlikUser.active(subject, name, email), bearer(admin))
                .onFailure(failure -> failure instanceof QlikErrorResponse response && response.status() == 409)
                .recoverWithUni(() -> findBySubject(subject, admin).map(Optional::orElseThrow))
                .plug(this::guarded);
    }

    /**
     * {@code subject eq "<subject>"}, the value escaped as a JSON string: a crafted subject cannot close the quotes
     * and change the filter.
     */
    static String subjectFilter(String subject) {
        return "subject eq \"" + new String(JsonStringEncoder.getInstance().quoteAsString(subject)) + "\"";
    }

    private <T> Uni<T> guarded(Uni<T> call) {
        return call.ifNoItem().after(config.timeout()).failWith(() -> QlikErrorClassifier.timeout(config.timeout()))
                .onFailure(failure -> !(failure instanceof BrokerException)).transform(this::translate);
    }

    private Throwable translate(Throwable failure) {
        return failure instanceof QlikErrorResponse response
                ? QlikErrorClassifier.classifyProvisioning(response, retryAfter)
                : QlikErrorClassifier.unreachable(failure);
    }

    private static String bearer(QlikToken admin) {
        return "Bearer " + admin.accessToken();
    }
}
