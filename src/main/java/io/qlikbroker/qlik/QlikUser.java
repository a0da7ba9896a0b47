package io.qlikbroker.qlik;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A tenant user as the Users API returns it; {@code id} is what {@code user_lookup.field=userId} expects. Its
 * {@code assignedGroups} come with {@code GET /api/v1/users/{id}} (absent from filtered lists).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QlikUser(String id, String subject, String name, String status, List<QlikGroup> assignedGroups) {

    public List<QlikGroup> groups() {
        return assignedGroups == null ? List.of() : assignedGroups;
    }
}
