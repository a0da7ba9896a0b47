package io.qlikbroker.qlik;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.qlikbroker.clock.ClockTicker;
import io.qlikbroker.clock.ExpireAt;
import io.qlikbroker.domain.QlikToken;
import io.smallrye.mutiny.Uni;

/**
 * The admin client's own token, reused until the refresh margin before it expires, whatever
 * {@code broker.cache.enabled} says about users' tokens: it shares Qlik's 100-a-minute tier with impersonation, and
 * every user's provisioning and group sync needs it. Concurrent callers share one request for it. Kept apart from the users'
 * token
 * cache so that it never counts in that cache's size or hit ratio.
 */
public final class AdminToken {

    private static final String ONLY = "admin";

    private final UsersClient users;
    private final AsyncCache<String, QlikToken> token;

    AdminToken(UsersClient users, Clock clock, Duration refreshMargin) {
        this.users = users;
        this.token = Caffeine.newBuilder()
                .maximumSize(1)
                .ticker(new ClockTicker(clock))
                .expireAfter(new ExpireAt<String, QlikToken>(clock, refreshMargin, QlikToken::expiresAt))
                .buildAsync();
    }

    public Uni<QlikToken> get() {
        // A copy per waiter: one caller's disconnect must not cancel the request the others share.
        return Uni.createFrom().completionStage(() -> token.get(ONLY,
                (key, executor) -> users.adminToken().subscribeAsCompletionStage()).copy());
    }
}
