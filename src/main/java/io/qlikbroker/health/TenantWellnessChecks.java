package io.qlikbroker.health;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import io.qlikbroker.tenant.QlikTenant;
import io.qlikbroker.tenant.TenantRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import io.smallrye.health.api.Wellness;

/** Registers one wellness check per configured tenant, named for it ({@code qlik-tenant}, {@code qlik-tenant-eu}). */
@Singleton
public class TenantWellnessChecks {

    void register(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) StartupEvent event,
            @Wellness HealthRegistry wellness, TenantRegistry tenants) {
        for (QlikTenant tenant : tenants.all()) {
            wellness.register(tenant.name(), new TenantWellnessCheck(tenant));
        }
    }
}
