package io.qlikbroker.qlik;

import jakarta.ws.rs.core.Response;

/** A non-2xx answer from the tenant, with what the broker needs to classify it. */
final class QlikErrorResponse extends RuntimeException {

    private final int status;
    private final QlikErrorBody body;
    private final String retryAfter;

    QlikErrorResponse(int status, QlikErrorBody body, String retryAfter) {
        super("Qlik answered HTTP " + status, null, false, false);
        this.status = status;
        this.body = body;
        this.retryAfter = retryAfter;
    }

    static QlikErrorResponse from(Response response) {
        return new QlikErrorResponse(response.getStatus(), readBody(response), response.getHeaderString("Retry-After"));
    }

    int status() {
        return status;
    }

    QlikErrorBody body() {
        return body;
    }

    /** The raw {@code Retry-After} header, or null; read it with {@link RetryAfter}. */
    String retryAfter() {
        return retryAfter;
    }

    private static QlikErrorBody readBody(Response response) {
        try {
            QlikErrorBody body = response.readEntity(QlikErrorBody.class);
            return body == null ? QlikErrorBody.EMPTY : body;
        } catch (RuntimeException notJson) {
            return QlikErrorBody.EMPTY;
        }
    }
}
