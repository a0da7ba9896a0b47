package io.qlikbroker.qlik;

import java.time.Duration;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

/** A non-2xx answer from the tenant, with what the broker needs to classify it. */
final class QlikErrorResponse extends RuntimeException {

    private final int status;
    private final QlikErrorBody body;
    private final Duration retryAfter;

    QlikErrorResponse(int status, QlikErrorBody body, Duration retryAfter) {
        super("Qlik answered HTTP " + status, null, false, false);
        this.status = status;
        this.body = body;
        this.retryAfter = retryAfter;
    }

    static QlikErrorResponse from(Response response) {
        return new QlikErrorResponse(response.getStatus(), readBody(response), readRetryAfter(response));
    }

    int status() {
        return status;
    }

    QlikErrorBody body() {
        return body;
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    private static QlikErrorBody readBody(Response response) {
        try {
            QlikErrorBody body = response.readEntity(QlikErrorBody.class);
            return body == null ? QlikErrorBody.EMPTY : body;
        } catch (RuntimeException notJson) {
            return QlikErrorBody.EMPTY;
        }
    }

    /** Qlik sends delay-seconds; an HTTP-date or garbage is ignored rather than guessed at. */
    private static Duration readRetryAfter(Response response) {
        String value = response.getHeaderString("Retry-After");
        if (value == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }
}
