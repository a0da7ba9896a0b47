package io.qlikbroker.qlik;

import java.net.URI;
import java.time.Clock;

import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.config.TenantSettings;
import io.qlikbroker.metrics.BrokerMetrics;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * The declarative clients of one tenant, at its own base URL, and the wrappers that own their failures. Each tenant's
 * secret only ever travels to that tenant's URL.
 */
public record TenantConnection(ImpersonationClient impersonation, UsersClient users, TenantProbe probe) {

    public static TenantConnection open(String tenant, TenantSettings settings, BrokerConfig broker, Clock clock,
            BrokerMetrics metrics) {
        URI base = URI.create(settings.tenantUrl().strip());
        QlikOAuthApi oauth = QuarkusRestClientBuilder.newBuilder().baseUri(base).build(QlikOAuthApi.class);
        QlikUsersApi users = QuarkusRestClientBuilder.newBuilder().baseUri(base).build(QlikUsersApi.class);
        return new TenantConnection(new ImpersonationClient(tenant, oauth, settings, broker, clock, metrics),
                new UsersClient(oauth, users, settings, clock, new RetryAfter(clock, broker.rateLimit().maxPause())), new TenantProbe(oauth));
    }
}
