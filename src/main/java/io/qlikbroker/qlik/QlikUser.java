package io.qlikbroker.qlik;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A tenant user as the Users API returns it; {@code id} is what {@code user_lookup.field=userId} expects. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QlikUser(String id, String subject, String name, String status) {
}
