package io.qlikbroker.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.metrics.TokenOutcome;
import io.qlikbroker.qlik.QlikToken;
import io.qlikbroker.qlik.UpstreamTrace;
import io.qlikbroker.qlik.UserLookup;
import io.vertx.core.Vertx;

/**
 * One line per token decision on the {@code io.qlikbroker.audit} category: tenant, outcome, identity, the lookup sent to
 * Qlik, whether the cache served it, the upstream status and latency, and the token's fingerprint, never the token.
 * Values are JSON-escaped in the message, so a claim holding quotes or newlines cannot forge a line; with JSON
 * logging ({@code quarkus.log.console.json.enabled=true}) the same fields are also structured ({@code audit.*}).
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger("io.qlikbroker.audit");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_:.-]+");

    private final Optional<Mac> hashKey;
    private final AnonymousRefusals anonymousRefusals;
    private final Vertx vertx;
    private final long flushTimer;

    AuditLog(BrokerConfig config, Clock clock, Vertx vertx) {
        this.hashKey = config.audit().hashIdentities() ? config.audit().hashKey().map(AuditLog::hmac) : Optional.empty();
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

    /** A token decision. {@code identity}, {@code lookup}, {@code token} and {@code trace} may be absent. */
    public void decision(String tenant, TokenOutcome outcome, String identity, UserLookup lookup, QlikToken token,
            boolean cached, UpstreamTrace trace) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        if (identity == null && outcome == TokenOutcome.UNAUTHENTICATED) {
            anonymousRefusals.refused();
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("tenant", tenant == null ? "-" : tenant);
        fields.put("outcome", outcome.label());
        fields.put("identity", identity == null ? "-" : protect(identity));
        fields.put("lookup_field", lookup == null ? "-" : lookup.field());
        fields.put("lookup_value", lookup == null ? "-" : protect(lookup.value()));
        fields.put("cached", String.valueOf(cached));
        fields.put("upstream_status", trace == null ? "-" : trace.status());
        fields.put("upstream_ms", trace == null ? "-" : String.valueOf(trace.latencyMillis()));
        fields.put("token_fp", token == null ? "-" : TokenFingerprint.of(token.accessToken()));

        StringBuilder line = new StringBuilder("token decision");
        fields.forEach((name, value) -> line.append(' ').append(name).append('=').append(quote(value)));
        fields.forEach((name, value) -> MDC.put("audit." + name, value));
        try {
            LOG.info(line);
        } finally {
            fields.keySet().forEach(name -> MDC.remove("audit." + name));
        }
    }

    /** A user created by just-in-time provisioning. */
    public void userCreated(String tenant, String subject, String userId) {
        LOG.infof("user created tenant=%s subject=%s user_id=%s", quote(tenant), quote(protect(subject)), quote(userId));
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
        if (PLAIN.matcher(value).matches()) {
            return value;
        }
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + '"';
    }
}
