package io.qlikbroker.qlik;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One JSON Patch operation on a user's {@code /assignedGroups}, as {@code PATCH /api/v1/users/{id}} takes it. Sent
 * inside a generic {@code List}, which the native build does not look into: registered by hand.
 */
@RegisterForReflection
record GroupPatch(String op, String path, String value) {

    static GroupPatch add(String groupId) {
        return new GroupPatch("add", "/assignedGroups/-", groupId);
    }

    static GroupPatch remove(String groupId) {
        return new GroupPatch("remove-value", "/assignedGroups", groupId);
    }
}
