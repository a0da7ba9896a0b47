package io.qlikbroker.qlik;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Qlik's error body: {@code {"errors": [{"code", "title", "detail", "status"}]}} (not RFC 6749's shape). */
@JsonIgnoreProperties(ignoreUnknown = true)
record QlikErrorBody(List<Error> errors) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Error(String code, String title, String detail, String status) {
    }

    static final QlikErrorBody EMPTY = new QlikErrorBody(List.of());

    Error first() {
        return errors == null || errors.isEmpty() ? new Error(null, null, null, null) : errors.get(0);
    }
}
