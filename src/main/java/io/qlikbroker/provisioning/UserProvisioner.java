package io.qlikbroker.provisioning;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.qlikbroker.audit.AuditLog;
import io.qlikbroker.clock.ClockTicker;
import io.qlikbroker.config.TenantSettings;
import io.qlikbroker.domain.QlikToken;
import io.qlikbroker.domain.UserLookup;
import io.qlikbroker.identity.Claims;
import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;
import io.qlikbroker.qlik.AdminToken;
import io.qlikbroker.qlik.QlikUser;
import io.qlikbroker.qlik.UsersClient;
import io.qlikbroker.store.SharedLoad;
import io.qlikbroker.store.SharedStore;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Makes sure the tenant knows a user before it is impersonated (off by default): looks the subject up with the
 * separate admin client, creates it when absent, and remembers who exists so that steady traffic makes no Users API
 * calls. Concurrent first visits of one subject share one lookup-or-create. Group sync asks it for a user's Qlik id,
 * with provisioning on or off.
 */
public class UserProvisioner {

    static final long MAX_KNOWN_USERS = 100_000;
    static final String SPACE = "user";

    private final String tenant;
    private final TenantSettings.Provisioning config;
    private final UsersClient users;
    private final AdminToken adminToken;
    private final AuditLog audit;
    /** Subject to Qlik user id, in replicas' shared store: one lookup or creation per subject for the deployment. */
    private final SharedLoad<String> shared;
    /** Subject to Qlik user id. */
    private final AsyncCache<String, String> knownUsers;

    public UserProvisioner(String tenant, TenantSettings settings, UsersClient users, AdminToken adminToken,
            AuditLog audit, Clock clock, SharedStore store) {
        this.tenant = tenant;
        this.config = settings.provisioning();
        // Finding or creating a user is a token request and two Users API calls at the most.
        this.shared = new SharedLoad<>(store, SPACE, settings.timeout().multipliedBy(3).plusSeconds(1), id -> id,
                Optional::of, id -> config.knownUserTtl());
        this.users = users;
        this.adminToken = adminToken;
        this.audit = audit;
        this.knownUsers = Caffeine.newBuilder()
                .maximumSize(MAX_KNOWN_USERS)
                .ticker(new ClockTicker(clock))
                .expireAfterWrite(config.knownUserTtl())
                .buildAsync();
    }

    /**
     * Qlik refusing a user it was told exists: a user-side 401 ("unknown") or a 403. Its status codes for a user
     * deleted on the tenant are not documented and have been seen as both, so either makes the broker look again.
     */
    public static boolean isRefusedUser(Throwable failure) {
        return failure instanceof BrokerException broker
                && (broker.kind() == ProblemKind.QLIK_USER_UNKNOWN || broker.kind() == ProblemKind.QLIK_USER_REJECTED);
    }

    public boolean enabled() {
        return config.enabled();
    }

    /**
     * The Qlik user id behind {@code lookup}: with provisioning, the user found or created for its subject; else the
     * lookup itself when it is a {@code userId}, or the user found for the subject ({@code qlik-user-unknown} when
     * the tenant has none).
     */
    public Uni<String> userId(UserLookup lookup, SecurityIdentity identity) {
        if (enabled()) {
            return ensure(lookup.value(), identity);
        }
        if (lookup.byUserId()) {
            return Uni.createFrom().item(lookup.value());
        }
        String subject = lookup.value();
        return known(subject, () -> adminToken.get().chain(admin -> users.findBySubject(subject, admin))
                .map(found -> found.map(QlikUser::id).orElseThrow(() -> new BrokerException(
                        ProblemKind.QLIK_USER_UNKNOWN, "The Qlik tenant does not know your user."))));
    }

    /** The Qlik user id of {@code subject}, creating the user from the identity's claims if the tenant lacks it. */
    public Uni<String> ensure(String subject, SecurityIdentity identity) {
        return known(subject, () -> lookUpOrCreate(subject, identity));
    }

    /**
     * The Qlik id of {@code subject}: remembered here, else shared by another replica, else {@code find}'s, made once
     * for all concurrent callers.
     */
    private Uni<String> known(String subject, Supplier<Uni<String>> find) {
        // A copy per waiter: one caller's disconnect must not cancel the lookup the others wait for.
        return Uni.createFrom().completionStage(() -> knownUsers.get(subject,
                (key, executor) -> shared.get(sharedKey(subject), find).subscribeAsCompletionStage()).copy());
    }

    /**
     * After Qlik refused the user with id {@code triedId}: looks the subject up again. Absent (deleted on the tenant
     * since it was last seen): created, and its new id returned for one more try. Present but disabled: 403
     * {@code qlik-user-rejected}. Present under another id: that id. Present and unchanged: Qlik's refusal stands.
     */
    public Uni<String> recheck(String subject, String triedId, SecurityIdentity identity, Throwable refusal) {
        knownUsers.synchronous().invalidate(subject);
        shared.take(sharedKey(subject)).subscribe().with(ignored -> {
        });
        return adminToken.get().chain(admin -> users.findBySubject(subject, admin).chain(found -> {
            if (found.isEmpty()) {
                return create(subject, identity, admin).map(QlikUser::id);
            }
            QlikUser user = found.get();
            if (user.status() != null && !"active".equalsIgnoreCase(user.status())) {
                return Uni.createFrom().failure(new BrokerException(ProblemKind.QLIK_USER_REJECTED,
                        "Your user is " + ("disabled".equalsIgnoreCase(user.status()) ? "disabled" : "not active")
                                + " in the Qlik tenant."));
            }
            return user.id().equals(triedId) ? Uni.createFrom().failure(refusal) : Uni.createFrom().item(user.id());
        })).call(id -> shared.put(sharedKey(subject), id))
                .invoke(id -> knownUsers.put(subject, CompletableFuture.completedFuture(id)));
    }

    /** Subjects are the tenant's own: the same subject in two tenants is two users. */
    private String sharedKey(String subject) {
        return tenant + "\n" + subject;
    }

    private Uni<String> lookUpOrCreate(String subject, SecurityIdentity identity) {
        return adminToken.get().chain(admin -> users.findBySubject(subject, admin)
                .chain(found -> found.isPresent()
                        ? Uni.createFrom().item(found.get())
                        : create(subject, identity, admin)))
                .map(QlikUser::id);
    }

    private Uni<QlikUser> create(String subject, SecurityIdentity identity, QlikToken admin) {
        return users.create(subject, Claims.text(identity, config.nameClaim()).orElse(subject), email(identity), admin)
                .invoke(created -> audit.userCreated(tenant, subject, created.id()));
    }

    /**
     * The email claim only when the identity provider says it verified it: many providers let a user type any
     * address, and Qlik matches users and sends notifications by email.
     */
    private String email(SecurityIdentity identity) {
        Optional<String> email = Claims.text(identity, config.emailClaim());
        if (config.requireVerifiedEmail() && !Claims.isTrue(identity, "email_verified")) {
            return null;
        }
        return email.orElse(null);
    }
}
