package io.qlikbroker.tracing;

import java.util.Collection;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupIfProperty;

/**
 * Spans leave the process only when an operator names a collector ({@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT}).
 * Quarkus' OTLP exporter would otherwise send them to {@code localhost:4317}, and every dev mode, test and deployment
 * without a collector would log connection errors. application.properties sets the endpoint to
 * {@value #NONE}; Quarkus
 * installs its exporter only when no {@link SpanExporter} bean exists, and this one, which drops spans, exists exactly
 * while the traces endpoint is {@value #NONE}. Spans are created either way, so trace ids reach audit lines and problem
 * bodies.
 */
@Singleton
public class SpanExport {

    // A URL (Quarkus validates it even when it does not use it) in a domain that can never resolve (RFC 6761).
    static final String NONE = "http://no-collector.invalid";

    // Unremovable: Quarkus looks it up dynamically, so nothing injects it and ArC would drop it as unused.
    @Produces
    @Singleton
    @Unremovable
    @LookupIfProperty(name = "quarkus.otel.exporter.otlp.traces.endpoint", stringValue = NONE)
    SpanExporter none() {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }
}
