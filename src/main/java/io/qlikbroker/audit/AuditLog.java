package io.qlikbroker.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.domain.JsonStrings;
import io.qlikbroker.domain.TokenDecision;
import io.qlikbroker.domain.TokenFingerprint;
import io.qlikbroker.domain.TokenOutcome;
import io.qlikbroker.domain.UpstreamTrace;
import io.qlikbroker.domain.UserLookup;
import io.qlikbroker.tracing.TraceIds;
import io.vertx.core.Vertx;

/**
 * One line per token decision on the {@code io.qlikbroker.audit} category: tenant, outcome, identity, the lookup sent to
 * Qlik, whether the cache served it, the upstream status and latency, the token's fingerprint (never the token), the
 * request's trace id and, for a failure that came from an answer of Qlik's, Qlik's traceId.
 * Values are JSON-escaped in the message, so a claim holding quotes or newlines cannot forge a line; with JSON
 * logging ({@code quarkus.log.console.json.enabled=true}) the same fields are also structured ({@code audit.*}).
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger("io.qlikbroker.audit");
    private static final String[] FIELDS = { "tenant", "outcome", "identity", "lookup_field", "lookup_value", "cached",
            "upstream_status", "upstream_ms", "token_fp", "groups", "trace", "qlik_trace" };
    private static final String[] MDC_KEYS = java.util.Arrays.stream(FIELDS).map(name -> "audit." + name)
            .toArray(String[]::new);

    private final Optional<Mac> hashKey;
    /** JSON logs carry the fields as structured members too (MDC); plain-text logs need only the line. */
    private final boolean structured;
    private final AnonymousRefusals anonymousRefusals;
    private final Vertx vertx;
    private final long flushTimer;

    AuditLog(BrokerConfig config, Clock clock, Vertx vertx) {
        this.hashKey = config.audit().hashIdentities() ? config.audit().hashKey().map(AuditLog::hmac) : Optional.empty();
        this.structured = ConfigProvider.getConfig().getOptionalValue("quarkus.log.console.json.enabled", Boolean.class)
                .orElse(false);
        this.anonymousRefusals = new AnonymousRefusals(LOG, clock);
        this.vertx = vertx;
        // Writes the count of a burst that ended less than a second after the previous line.
        this.flushTimer = vertx.setPeriodic(AnonymousRefusals.INTERVAL_MILLIS, id -> anonymousRefusals.flushIfDue());
    }

    @PreDestroy
    void close() {
        vertx.cancelTimer(flushTimer);
        anonymousRefusals.flush();
    }

    /** One line for {@code decision}, or its share of the once-a-second summary when it has no identity. */
    public void decision(TokenDecision decision) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        if (decision.identity() == null && decision.outcome() == TokenOutcome.UNAUTHENTICATED) {
            anonymousRefusals.refused();
            return;
        }
        UserLookup lookup = decision.lookup();
        UpstreamTrace trace = decision.trace();
        String[] values = { decision.tenant() == null ? "-" : decision.tenant(), decision.outcome().label(),
                decision.identity() == null ? "-" : protect(decision.identity()),
                lookup == null ? "-" : lookup.field(), lookup == null ? "-" : protect(lookup.value()),
                decision.cached() ? "true" : "false", trace == null ? "-" : trace.status(),
                trace == null ? "-" : Long.toString(trace.latencyMillis()),
                decision.token() == null ? "-" : TokenFingerprint.of(decision.token().accessToken()),
                trace == null ? "-" : trace.groups(), orDash(TraceIds.current()), orDash(decision.upstreamTraceId()) };
        StringBuilder line = new StringBuilder(224).append("token decision");
        for (int i = 0; i < FIELDS.length; i++) {
            line.append(' ').append(FIELDS[i]).append('=');
            appendQuoted(line, values[i]);
        }
        if (!structured) {
            LOG.info(line);
            return;
        }
        for (int i = 0; i < FIELDS.length; i++) {
            MDC.put(MDC_KEYS[i], values[i]);
        }
        try {
            LOG.info(line);
        } finally {
            for (String key : MDC_KEYS) {
                MDC.remove(key);
            }
        }
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    /** A user created by just-in-time provisioning. */
    public void userCreated(String tenant, String subject, String userId) {
        LOG.infof("user created tenant=%s subject=%s user_id=%s", quote(tenant), quote(protect(subject)), quote(userId));
    }

    /** One line per change of a user's managed Qlik groups, with the groups' names (not user data). */
    public void groupsChanged(String tenant, String identity, List<String> added, List<String> removed) {
        LOG.infof("groups changed tenant=%s identity=%s added=%s removed=%s", quote(tenant), quote(protect(identity)),
                JsonStrings.array(added), JsonStrings.array(removed));
    }

    /** A group Qlik would refuse (a name over 256 characters after mapping): left out of the sync. */
    public void groupSkipped(String tenant, String identity, String group) {
        LOG.infof("group skipped tenant=%s identity=%s group=%s reason=name-too-long", quote(tenant),
                quote(protect(identity)), JsonStrings.array(List.of(group)));
    }

    private String protect(String value) {
        return hashKey.map(mac -> "hmac:" + keyedHash(mac, value)).orElse(value);
    }

    private static String keyedHash(Mac prototype, String value) {
        try {
            Mac mac = (Mac) prototype.clone();
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Mac hmac(String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Plain values stay readable; anything else is a JSON string, so it stays on one line and cannot fake a field. */
    private static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2);
        appendQuoted(quoted, value);
        return quoted.toString();
    }

    private static void appendQuoted(StringBuilder line, String value) {
        if (isPlain(value)) {
            line.append(value);
        } else {
            line.append('"');
            JsonStringEncoder.getInstance().quoteAsString(value, line);
            line.append('"');
        }
    }

    /** [A-Za-z0-9_:.-]+, by hand: it runs for every field of every line. */
    private static boolean isPlain(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == ':' || c == '.' || c == '-';
            if (!plain) {
                return false;
            }
        }
        return true;
    }
}
