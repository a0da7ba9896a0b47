package io.qlikbroker.qlik;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.qlikbroker.config.TenantSettings;
import io.qlikbroker.credentials.ClientCredential;
import io.qlikbroker.domain.QlikToken;
import io.qlikbroker.problem.BrokerException;
import io.smallrye.mutiny.Uni;

/**
 * The admin client's own token ({@code client_credentials}) and its Users API calls. Every failure becomes a
 * {@link BrokerException}; a 409 on creation (a concurrent creation won the race) is success, followed by a lookup.
 */
public class UsersClient {

    private final QlikOAuthApi oauth;
    private final QlikUsersApi users;
    private final TenantSettings.Provisioning config;
    /** The admin client's credential; absent when neither provisioning nor groups need it. */
    private final Optional<ClientCredential> adminCredential;
    private final Clock clock;
    private final AdminCalls calls;

    UsersClient(QlikOAuthApi oauth, QlikUsersApi users, TenantSettings.Provisioning config,
            Optional<ClientCredential> adminCredential, Clock clock, AdminCalls calls) {
        this.adminCredential = adminCredential;
        this.oauth = oauth;
        this.users = users;
        this.config = config;
        this.clock = clock;
        this.calls = calls;
    }

    Uni<QlikToken> adminToken() {
        return calls.guard(Uni.createFrom().deferred(() -> oauth.clientCredentials(ClientCredentialsRequest.of(
                config.clientId().orElseThrow(), adminCredential.orElseThrow().proof(), config.scope()))))
                .map(response -> response.toToken(clock.instant()));
    }

    public Uni<Optional<QlikUser>> findBySubject(String subject, QlikToken admin) {
        return calls.guard(users.find(QlikFilter.eq("subject", subject), bearer(admin)))
                .map(page -> page.data() == null ? Optional.<QlikUser> empty()
                        : page.data().stream().filter(user -> subject.equals(user.subject())).findFirst());
    }

    /** Creates the user, or finds the one a concurrent request created first. */
    public Uni<QlikUser> create(String subject, String name, String email, QlikToken admin) {
        return users.create(NewQlikUser.active(subject, name, email), bearer(admin))
                .onFailure(failure -> failure instanceof QlikErrorResponse response && response.status() == 409)
                .recoverWithUni(() -> findBySubject(subject, admin).map(Optional::orElseThrow))
                .plug(calls::guard);
    }

    /** The user with the groups assigned to it. */
    public Uni<QlikUser> get(String userId, QlikToken admin) {
        return calls.guard(users.get(userId, bearer(admin)));
    }

    /** Assigns one custom group; Qlik answers 400 if the user has it already. */
    public Uni<Void> addGroup(String userId, String groupId, QlikToken admin) {
        return calls.guard(users.patch(userId, List.of(GroupPatch.add(groupId)), bearer(admin)));
    }

    /** Unassigns one custom group. */
    public Uni<Void> removeGroup(String userId, String groupId, QlikToken admin) {
        return calls.guard(users.patch(userId, List.of(GroupPatch.remove(groupId)), bearer(admin)));
    }

    static String bearer(QlikToken admin) {
        return "Bearer " + admin.accessToken();
    }
}
