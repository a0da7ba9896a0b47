package io.qlikbroker.qlik;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of {@code POST /api/v1/users}: an active user with the identity provider's subject. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record NewQlikUser(String subject, String name, String email, String status) {

    static NewQlikUser active(String subject, String name, String email) {
        return new NewQlikUser(subject, name, email, "active");
    }
}
