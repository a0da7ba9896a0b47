package io.qlikbroker.qlik;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/** Reads the tenant's OAuth metadata: proof that the tenant URL is right and the tenant answers. */
public class TenantProbe {

    private final QlikOAuthApi api;

    TenantProbe(QlikOAuthApi api) {
        this.api = api;
    }

    /** Completes when the tenant served its metadata within the limit; fails otherwise. */
    public Uni<Void> check(Duration limit) {
        return api.metadata()
                .ifNoItem().after(limit).fail()
                .invoke(response -> response.close())
                .replaceWithVoid();
    }
}
