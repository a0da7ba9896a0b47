package io.qlikbroker.demo;

import io.qlikbroker.domain.UserLookup;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Who the page's visitor is, as the broker sees it, and which Qlik user a token would be for. */
@RegisterForReflection
public record SessionInfo(boolean signedIn, String user, UserLookup lookup, String problem) {

    static SessionInfo anonymous() {
        return new SessionInfo(false, null, null, null);
    }
}
