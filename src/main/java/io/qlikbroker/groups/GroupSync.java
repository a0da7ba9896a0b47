package io.qlikbroker.groups;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.qlikbroker.audit.AuditLog;
import io.qlikbroker.clock.ClockTicker;
import io.qlikbroker.config.TenantSettings;
import io.qlikbroker.domain.QlikToken;
import io.qlikbroker.domain.TokenFingerprint;
import io.qlikbroker.identity.Claims;
import io.qlikbroker.metrics.BrokerMetrics;
import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.problem.ProblemKind;
import io.qlikbroker.qlik.AdminToken;
import io.qlikbroker.qlik.GroupsClient;
import io.qlikbroker.qlik.QlikGroup;
import io.qlikbroker.qlik.QlikUser;
import io.qlikbroker.qlik.UsersClient;
import io.qlikbroker.store.SharedStore;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Makes a user's managed Qlik groups equal to the groups of its claim before a token is minted: the impersonation
 * request cannot carry groups, and spaces and roles are granted to groups. Qlik is read and written only when the
 * user's set is new to this replica, changed, or older than {@code resync-after}: steady traffic makes no Groups or
 * Users call. One sync at a time per user; concurrent requests with the same set share it; with a shared store,
 * a set one replica synced is not synced again by the others. Writes are one membership
 * per request, so that one refused change (an administrator added the same group meanwhile) cannot undo the rest.
 */
public class GroupSync {

    static final long MAX_USERS = 100_000;
    /** When a failure says nothing of when to come back. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);
    static final String SPACE = "groups";

    private final String tenant;
    private final TenantSettings.Groups config;
    private final GroupMapping mapping;
    private final UsersClient users;
    private final GroupsClient groups;
    private final AdminToken adminToken;
    private final AuditLog audit;
    private final BrokerMetrics metrics;
    /** Replicas' shared digests: a user synced by one replica is not synced again by the next it reaches. */
    private final SharedStore store;
    /** User to the digest of the set last synced (or being synced) for it: no name, no claim value. */
    private final Cache<String, Sync> synced;
    /** Group name to its id: created or found once, then reused by every user. */
    private final Cache<String, String> groupIds;

    public GroupSync(String tenant, TenantSettings.Groups config, UsersClient users, GroupsClient groups,
            AdminToken adminToken, AuditLog audit, BrokerMetrics metrics, Clock clock, SharedStore store) {
        this.tenant = tenant;
        this.store = store;
        this.config = config;
        this.mapping = config.enabled() ? new GroupMapping(config) : null;
        this.users = users;
        this.groups = groups;
        this.adminToken = adminToken;
        this.audit = audit;
        this.metrics = metrics;
        this.synced = Caffeine.newBuilder().maximumSize(MAX_USERS).ticker(new ClockTicker(clock))
                .expireAfterWrite(config.resyncAfter()).build();
        this.groupIds = Caffeine.newBuilder().maximumSize(10_000).ticker(new ClockTicker(clock))
                .expireAfterWrite(config.resyncAfter()).build();
    }

    private record Sync(String digest, CompletableFuture<GroupSyncResult> done) {

        /** This set, synced or being synced (a failed sync is forgotten, so the next request tries again). */
        boolean covers(String otherDigest) {
            return digest.equals(otherDigest) && !done.isCompletedExceptionally();
        }

        boolean finished() {
            return done.isDone() && !done.isCompletedExceptionally();
        }
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** The Qlik group names the identity's claim maps to; empty when groups are off. */
    public SortedSet<String> namesFor(SecurityIdentity identity) {
        return enabled() ? mapping.map(Claims.values(identity, config.claim())).names() : new TreeSet<>();
    }

    /** Whether exactly these names were synced for {@code user} recently. */
    public boolean isSynced(String user, SortedSet<String> names) {
        Sync sync = synced.getIfPresent(user);
        return sync != null && sync.covers(digest(names)) && sync.finished();
    }

    /**
     * Syncs {@code user}'s groups (the key of its token, within this tenant) unless this set was synced recently.
     * {@code who} names the caller in audit lines; {@code userId} finds its Qlik id when a sync runs; {@code onChange}
     * runs once, before waiting requests resume, when memberships changed (the caller drops a token minted under the
     * old groups).
     */
    public Uni<GroupSyncResult> sync(SecurityIdentity identity, String who, String user, Supplier<Uni<String>> userId,
            Supplier<Uni<Void>> onChange) {
        if (!enabled()) {
            return Uni.createFrom().item(GroupSyncResult.OFF);
        }
        GroupMapping.Mapped mapped;
        try {
            mapped = mapping.map(Claims.values(identity, config.claim()));
        } catch (BrokerException refused) {
            metrics.groupSync(tenant, "refused");
            return Uni.createFrom().failure(refused);
        }
        String digest = digest(mapped.names());
        // Read first: the steady state, and a compute that kept the entry could still restart its expiry.
        Sync recent = synced.getIfPresent(user);
        Sync created = new Sync(digest, new CompletableFuture<>());
        AtomicReference<Sync> previous = new AtomicReference<>();
        Sync current = recent != null && recent.covers(digest) ? recent
                : synced.asMap().compute(user, (key, existing) -> {
                    if (existing != null && existing.covers(digest)) {
                        return existing;
                    }
                    previous.set(existing);
                    return created;
                });
        if (current == created) {
            // One sync at a time per user: a changed set waits for the one in flight.
            CompletableFuture<?> before = previous.get() == null ? CompletableFuture.completedFuture(null)
                    : previous.get().done().handle((result, failure) -> null);
            before.whenComplete((ignored, nothing) -> runUnlessSharedMatches(user, digest, who, mapped, userId)
                    .call(result -> result.changed() ? onChange.get() : Uni.createFrom().voidItem())
                    .subscribe().with(created.done()::complete, failure -> {
                        synced.asMap().remove(user, created);
                        created.done().completeExceptionally(failure);
                    }));
        } else if (current.finished()) {
            return cached();
        }
        // A copy per waiter: one caller's disconnect must not cancel the sync the others wait for.
        return Uni.createFrom().completionStage(() -> current.done().copy())
                .onFailure(this::tolerable).recoverWithItem(GroupSyncResult.UNSYNCED)
                .onFailure().transform(GroupSync::unavailable);
    }

    /** Another replica may have synced this very set: then Qlik already has it. */
    private Uni<GroupSyncResult> runUnlessSharedMatches(String user, String digest, String who,
            GroupMapping.Mapped mapped, Supplier<Uni<String>> userId) {
        String key = tenant + "\n" + user;
        return store.get(SPACE, key).chain(shared -> {
            if (shared.filter(digest::equals).isPresent()) {
                return cached();
            }
            return run(who, mapped, userId).call(() -> store.put(SPACE, key, digest, config.resyncAfter()));
        });
    }

    /** This set is in Qlik already (synced here, or by another replica): nothing to call. */
    private Uni<GroupSyncResult> cached() {
        metrics.groupSync(tenant, GroupSyncResult.Status.CACHED.label());
        return Uni.createFrom().item(GroupSyncResult.CACHED);
    }

    private Uni<GroupSyncResult> run(String who, GroupMapping.Mapped mapped, Supplier<Uni<String>> userId) {
        mapped.skipped().forEach(name -> audit.groupSkipped(tenant, who, name));
        return adminToken.get().chain(admin -> userId.get().chain(id -> users.get(id, admin)
                .chain(user -> reconcile(who, user, mapped.names(), admin))))
                .invoke(result -> metrics.groupSync(tenant, result.status().label()))
                .onFailure().invoke(failure -> metrics.groupSync(tenant, "failed"));
    }

    /** The adds and removes that make the user's managed groups equal to {@code wanted}, one request each. */
    private Uni<GroupSyncResult> reconcile(String who, QlikUser user, SortedSet<String> wanted,
            QlikToken admin) {
        List<QlikGroup> managed = user.groups().stream().filter(mapping::manages).toList();
        List<String> add = wanted.stream()
                .filter(name -> managed.stream().noneMatch(group -> name.equals(group.name()))).toList();
        List<QlikGroup> remove = managed.stream().filter(group -> !wanted.contains(group.name())).toList();
        if (add.isEmpty() && remove.isEmpty()) {
            return Uni.createFrom().item(GroupSyncResult.UNCHANGED);
        }
        Uni<Void> adds = Multi.createFrom().iterable(add)
                .onItem().transformToUniAndConcatenate(name -> addGroup(user.id(), name, admin))
                .collect().last().replaceWithVoid();
        Uni<Void> removes = Multi.createFrom().iterable(remove)
                .onItem().transformToUniAndConcatenate(group -> users.removeGroup(user.id(), group.id(), admin))
                .collect().last().replaceWithVoid();
        List<String> removed = remove.stream().map(QlikGroup::name).sorted().toList();
        return adds.chain(() -> removes).map(done -> {
            audit.groupsChanged(tenant, who, add, removed);
            return new GroupSyncResult(GroupSyncResult.Status.CHANGED, add, removed);
        });
    }

    /**
     * Assigns the group {@code name}. A remembered id that fails is looked up once more: an administrator may have
     * deleted the group since, and its name then needs a new group.
     */
    private Uni<Void> addGroup(String userId, String name, QlikToken admin) {
        boolean remembered = groupIds.getIfPresent(name) != null;
        Uni<Void> add = groupId(name, admin).chain(groupId -> users.addGroup(userId, groupId, admin));
        return !remembered ? add : add.onFailure().recoverWithUni(() -> {
            groupIds.invalidate(name);
            return groupId(name, admin).chain(groupId -> users.addGroup(userId, groupId, admin));
        });
    }

    /** The id of the custom group {@code name}: remembered, else found, else created. */
    private Uni<String> groupId(String name, QlikToken admin) {
        Optional<String> known = Optional.ofNullable(groupIds.getIfPresent(name));
        if (known.isPresent()) {
            return Uni.createFrom().item(known.get());
        }
        return groups.findCustom(name, admin)
                .chain(found -> found.isPresent() ? Uni.createFrom().item(found.get())
                        : groups.create(name, admin))
                .map(QlikGroup::id)
                .invoke(id -> groupIds.put(name, id));
    }

    /** With {@code on-failure=allow}, a failed sync mints anyway; facts about the user itself never do. */
    private boolean tolerable(Throwable failure) {
        return TenantSettings.Groups.ALLOW.equals(config.onFailure()) && !isAboutTheUser(failure);
    }

    private static Throwable unavailable(Throwable failure) {
        if (isAboutTheUser(failure)) {
            return failure;
        }
        Duration retryAfter = failure instanceof BrokerException broker ? broker.retryAfter().orElse(RETRY_AFTER)
                : RETRY_AFTER;
        return new BrokerException(ProblemKind.QLIK_GROUPS_UNAVAILABLE,
                "Your groups could not be set in Qlik, and a token with stale groups could grant what was taken away; "
                        + "try again later.",
                retryAfter);
    }

    private static boolean isAboutTheUser(Throwable failure) {
        return failure instanceof BrokerException broker && (broker.kind() == ProblemKind.QLIK_USER_UNKNOWN
                || broker.kind() == ProblemKind.QLIK_USER_REJECTED || broker.kind() == ProblemKind.TOO_MANY_GROUPS);
    }

    /**
     * Stands for the set without holding a group name: equal sets, equal digests. Each name is length-prefixed, so no
     * name can pass for two.
     */
    static String digest(SortedSet<String> names) {
        StringBuilder encoded = new StringBuilder();
        names.forEach(name -> encoded.append(name.length()).append(':').append(name));
        return TokenFingerprint.sha256Hex(encoded.toString());
    }
}
