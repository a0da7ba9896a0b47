package io.qlikbroker.qlik;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.config.ClientSettings;
import io.qlikbroker.config.TenantSettings;
import io.qlikbroker.credentials.ClientCredential;
import io.qlikbroker.metrics.BrokerMetrics;
import io.qlikbroker.store.SharedStore;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * The declarative clients of one tenant, at its own base URL, and the wrappers that own their failures. Each tenant's
 * secret only ever travels to that tenant's URL.
 */
public record TenantConnection(ImpersonationClient impersonation, UsersClient users, GroupsClient groups,
        AdminToken adminToken, OAuthClients oauthClients, TenantProbe probe, List<ClientCredential> credentials) {

    /**
     * Connections to one tenant. Clients built in code do not get quarkus.rest-client.connection-pool-size: without
     * this they get Vert.x's default of 5, and a burst of first-time users queues behind them in waves, each wait
     * counted against qlik.timeout. Qlik's token endpoint allows 100 requests a minute per client, so more than 64
     * in flight would only be refused.
     */
    static final int MAX_CONNECTIONS = 64;

    public static TenantConnection open(String tenant, TenantSettings settings, BrokerConfig broker, Clock clock,
            BrokerMetrics metrics, SharedStore store) {
        URI base = URI.create(settings.tenantUrl().strip());
        // The token call's time limit: Vert.x arms it once the request has its connection, and fires it on the
        // connection's event loop, so time the broker itself spent before sending (a cold JVM, a burst queued
        // behind the TLS handshake) is not counted against the tenant and cannot open its circuit breaker.
        QlikOAuthApi oauth = client(base).readTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(QlikOAuthApi.class);
        QlikUsersApi users = client(base).build(QlikUsersApi.class);
        QlikGroupsApi groups = client(base).build(QlikGroupsApi.class);
        RetryAfter retryAfter = new RetryAfter(clock, broker.rateLimit().maxPause());
        String prefix = TenantSettings.propertyPrefix(tenant);
        String endpoint = ClientSettings.tokenEndpoint(settings);
        ClientCredential impersonation = ClientCredential.of(prefix, ClientSettings.impersonation(settings), endpoint,
                clock);
        Optional<ClientCredential> admin = ClientSettings.adminClientUsed(settings)
                ? Optional.of(ClientCredential.of(prefix + "provisioning.",
                        ClientSettings.provisioning(settings.provisioning()), endpoint, clock))
                : Optional.empty();
        List<ClientCredential> credentials = new ArrayList<>(List.of(impersonation));
        admin.ifPresent(credentials::add);
        AdminCalls adminCalls = new AdminCalls(tenant, settings.timeout(), clock, retryAfter, store);
        UsersClient usersClient = new UsersClient(oauth, users, settings.provisioning(), admin, clock, adminCalls);
        AdminToken adminToken = new AdminToken(usersClient, clock, broker.cache().refreshMargin());
        return new TenantConnection(
                new ImpersonationClient(tenant, oauth, settings, impersonation, broker, clock, metrics, retryAfter, store),
                usersClient, new GroupsClient(groups, adminCalls), adminToken,
                new OAuthClients(client(base).build(QlikOAuthClientsApi.class), adminToken, adminCalls),
                new TenantProbe(oauth), List.copyOf(credentials));
    }

    /**
     * Over https, HTTP/2 when the tenant offers it (Qlik Cloud does): one TLS handshake, then every call multiplexed
     * on it. ALPN falls back to HTTP/1.1 otherwise. Plain http (tests, a local proxy) stays HTTP/1.1.
     */
    private static QuarkusRestClientBuilder client(URI base) {
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder().baseUri(base)
                .property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, MAX_CONNECTIONS);
        if ("https".equalsIgnoreCase(base.getScheme())) {
            builder.property(QuarkusRestClientProperties.HTTP2, true).property(QuarkusRestClientProperties.ALPN, true);
        }
        return builder;
    }
}
