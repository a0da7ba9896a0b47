package io.qlikbroker.demo;

import java.util.List;

import io.qlikbroker.domain.UserLookup;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Who the page's visitor is, as the broker sees it, which Qlik user a token would be for, and, where groups are
 * synced, the Qlik groups its claim maps to and whether the broker has set them in Qlik yet.
 */
@RegisterForReflection
public record SessionInfo(boolean signedIn, String user, UserLookup lookup, List<String> groups, Boolean groupsSynced,
        String problem) {

    static SessionInfo anonymous() {
        return new SessionInfo(false, null, null, null, null, null);
    }
}
