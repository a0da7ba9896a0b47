package io.qlikbroker.qlik;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

/** Reads an OAuth client's configuration with the admin client, through the admin client's one guard. */
public class OAuthClients {

    private final QlikOAuthClientsApi api;
    private final AdminToken adminToken;
    private final AdminCalls calls;

    OAuthClients(QlikOAuthClientsApi api, AdminToken adminToken, AdminCalls calls) {
        this.api = api;
        this.adminToken = adminToken;
        this.calls = calls;
    }

    /** The client with exactly this id, or empty when the tenant has none the admin client can see. */
    public Uni<Optional<QlikOAuthClient>> find(String clientId) {
        return adminToken.get()
                .chain(admin -> calls.guard(api.find(QlikFilter.eq("clientId", clientId), UsersClient.bearer(admin))))
                .map(page -> page.data() == null ? Optional.<QlikOAuthClient> empty()
                        : page.data().stream().filter(client -> clientId.equals(client.clientId())).findFirst());
    }
}
