package io.qlikbroker.groups;

import java.util.List;

/** What a token request's group sync did, for the audit line and the caller: a small fixed set of statuses. */
public record GroupSyncResult(Status status, List<String> added, List<String> removed) {

    public enum Status {
        /** Groups are not synced for this tenant. */
        OFF,
        /** The same set was synced for this user recently: no call to Qlik. */
        CACHED,
        /** Qlik already had exactly these managed groups. */
        UNCHANGED,
        /** Memberships were added or removed. */
        CHANGED,
        /** The sync failed and {@code on-failure=allow} let the token be minted anyway. */
        UNSYNCED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final GroupSyncResult OFF = new GroupSyncResult(Status.OFF, List.of(), List.of());
    static final GroupSyncResult CACHED = new GroupSyncResult(Status.CACHED, List.of(), List.of());
    static final GroupSyncResult UNCHANGED = new GroupSyncResult(Status.UNCHANGED, List.of(), List.of());
    static final GroupSyncResult UNSYNCED = new GroupSyncResult(Status.UNSYNCED, List.of(), List.of());

    public boolean changed() {
        return status == Status.CHANGED;
    }
}
