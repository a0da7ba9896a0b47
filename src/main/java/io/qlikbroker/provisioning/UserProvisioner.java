package io.qlikbroker.provisioning;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.qlikbroker.audit.AuditLog;
import io.qlikbroker.cache.TokenCache;
import io.qlikbroker.cache.TokenKey;
import io.qlikbroker.config.TenantSettings;
import io.qlikbroker.identity.Claims;
import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;
import io.qlikbroker.qlik.QlikToken;
import io.qlikbroker.qlik.QlikUser;
import io.qlikbroker.qlik.UsersClient;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Makes sure the tenant knows a user before it is impersonated (off by default): looks the subject up with the
 * separate provisioning client, creates it when absent, and remembers who exists so that steady traffic makes no
 * Users API calls. Concurrent first visits of one subject share one lookup-or-create; the provisioning client's
 * own token is cached like any other grant.
 */
public class UserProvisioner {

    static final long MAX_KNOWN_USERS = 100_000;

    private final String tenant;
    private final TenantSettings.Provisioning config;
    private final UsersClient users;
    private final TokenCache tokens;
    private final AuditLog audit;
    /** Subject to Qlik user id. */
    private final AsyncCache<String, String> knownUsers;

    public UserProvisioner(String tenant, TenantSettings.Provisioning config, UsersClient users, TokenCache tokens,
            AuditLog audit, Clock clock) {
        this.tenant = tenant;
        this.config = config;
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
        this.knownUsers = Caffeine.newBuilder()
                .maximumSize(MAX_KNOWN_USERS)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(config.knownUserTtl())
                .buildAsync();
    }

    /** Qlik's answer that it does not know the user: the one failure that provisioning can repair. */
    public static boolean isUnknownUser(Throwable failure) {
        return failure instanceof BrokerException broker && broker.kind() == ProblemKind.QLIK_USER_UNKNOWN;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** The Qlik user id of {@code subject}, creating the user from the identity's claims if the tenant lacks it. */
    public Uni<String> ensure(String subject, SecurityIdentity identity) {
        return Uni.createFrom().completionStage(() -> knownUsers.get(subject,
                (key, executor) -> lookUpOrCreate(subject, identity).subscribeAsCompletionStage()));
    }

    /** After Qlik said the user is unknown (deleted on the tenant, say): the next {@link #ensure} asks again. */
    public void forget(String subject) {
        knownUsers.synchronous().invalidate(subject);
    }

    private Uni<String> lookUpOrCreate(String subject, SecurityIdentity identity) {
        return adminToken().chain(admin -> users.findBySubject(subject, admin)
                .chain(found -> found.isPresent()
                        ? Uni.createFrom().item(found.get())
                        : users.create(subject, Claims.text(identity, config.nameClaim()).orElse(subject),
                                Claims.text(identity, config.emailClaim()).orElse(null), admin)
                                .invoke(created -> audit.userCreated(tenant, subject, created.id()))))
                .map(QlikUser::id);
    }

    private Uni<QlikToken> adminToken() {
        TokenKey key = new TokenKey(tenant, config.clientId().orElseThrow(), "client_credentials", "-", config.scope());
        return tokens.get(key, users::adminToken).map(cached -> cached.token());
    }
}
