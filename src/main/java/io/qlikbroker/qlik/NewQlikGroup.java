package io.qlikbroker.qlik;

/** The body of {@code POST /api/v1/groups}: an active custom group. */
record NewQlikGroup(String name, String status, String providerType) {

    static NewQlikGroup custom(String name) {
        return new NewQlikGroup(name, "active", QlikGroup.CUSTOM);
    }
}
