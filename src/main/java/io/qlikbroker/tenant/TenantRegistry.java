package io.qlikbroker.tenant;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.qlikbroker.audit.AuditLog;
import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.config.QlikConfig;
import io.qlikbroker.config.TenantSettings;
import io.qlikbroker.groups.GroupSync;
import io.qlikbroker.identity.UserLookupMapper;
import io.qlikbroker.metrics.BrokerMetrics;
import io.qlikbroker.provisioning.UserProvisioner;
import io.qlikbroker.qlik.TenantConnection;
import io.qlikbroker.store.SharedStore;

/** The default tenant ({@code qlik.*}) and the named ones ({@code qlik.tenants."<name>".*}), built once. */
@Singleton
public class TenantRegistry {

    private final Map<String, QlikTenant> tenants = new LinkedHashMap<>();

    TenantRegistry(QlikConfig qlik, BrokerConfig broker, Clock clock, BrokerMetrics metrics, AuditLog audit,
            SharedStore store) {
        tenants.put(QlikTenant.DEFAULT, build(QlikTenant.DEFAULT, qlik, broker, clock, metrics, audit, store));
        qlik.tenants().forEach(
                (name, settings) -> tenants.put(name, build(name, settings, broker, clock, metrics, audit, store)));
    }

    public QlikTenant defaultTenant() {
        return tenants.get(QlikTenant.DEFAULT);
    }

    /** A named tenant; the default one is only reachable as {@link #defaultTenant()}. */
    public Optional<QlikTenant> named(String name) {
        return QlikTenant.DEFAULT.equals(name) ? Optional.empty() : Optional.ofNullable(tenants.get(name));
    }

    public Collection<QlikTenant> all() {
        return tenants.values();
    }

    private static QlikTenant build(String name, TenantSettings settings, BrokerConfig broker, Clock clock,
            BrokerMetrics metrics, AuditLog audit, SharedStore store) {
        TenantConnection connection = TenantConnection.open(name, settings, broker, clock, metrics, store);
        return new QlikTenant(name, settings, settings.requiredClaim(), connection,
                new UserLookupMapper(settings.userLookup()),
                new UserProvisioner(name, settings, connection.users(), connection.adminToken(), audit, clock, store),
                new GroupSync(name, settings.groups(), connection.users(), connection.groups(), connection.adminToken(),
                        audit, metrics, clock, store));
    }
}
