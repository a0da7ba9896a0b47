package io.qlikbroker.tracing;

import java.util.regex.Pattern;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The trace ids that tie a user's report to the broker's trace and to Qlik's: the current request's OpenTelemetry
 * trace id (in audit lines and problem bodies), and Qlik's own {@code traceId} read from an error body.
 */
public final class TraceIds {

    /** Qlik's ids are hex or UUID-like; anything else is not logged (it is text the tenant chose). */
    private static final Pattern UPSTREAM = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private TraceIds() {
    }

    /** The trace id of the current request's span, or null outside a traced request. */
    public static String current() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : null;
    }

    /** Qlik's traceId when it looks like one, else null: it reaches logs and span attributes. */
    public static String upstream(String traceId) {
        return traceId != null && UPSTREAM.matcher(traceId).matches() ? traceId : null;
    }

    /** Puts Qlik's traceId on the current span, where an operator who found the broker's trace looks for it. */
    public static void recordUpstream(String traceId, String code) {
        Span span = Span.current();
        if (traceId != null) {
            span.setAttribute("qlik.trace_id", traceId);
        }
        if (code != null) {
            span.setAttribute("qlik.error_code", code);
        }
    }
}
