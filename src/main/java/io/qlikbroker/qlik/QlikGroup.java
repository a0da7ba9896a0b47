package io.qlikbroker.qlik;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A group as the Groups API returns it, and as a user's {@code assignedGroups} lists it. Read inside generic lists,
 * which the native build does not look into: registered by hand.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record QlikGroup(String id, String name, String providerType) {

    /** Created through the API; the only kind the broker may assign or unassign (IdP groups answer 400). */
    public static final String CUSTOM = "custom";

    public boolean custom() {
        return CUSTOM.equals(providerType);
    }
}
