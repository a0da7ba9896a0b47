package io.qlikbroker.demo;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestResponse;

import io.qlikbroker.config.BrokerConfig;
import io.qlikbroker.config.TenantSettings;
import io.qlikbroker.domain.UserLookup;
import io.qlikbroker.groups.GroupSync;
import io.qlikbroker.identity.UserLookupMapper;
import io.qlikbroker.openapi.BrokerApi;
import io.qlikbroker.problem.BrokerException;
import io.qlikbroker.tenant.TenantRegistry;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * The example page and what it reads: {@code /} (with its script and stylesheet), {@code /embed-config} and
 * {@code /session}. Everything answers 404 unless {@code broker.demo.enabled}: a production broker serves tokens
 * and nothing else.
 */
@Path("/")
public class DemoResource {

    /** The page's files, served from the classpath folder demo/. */
    static final Map<String, String> FILES = Map.of(
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8");

    private final BrokerConfig.Demo demo;
    private final TenantSettings qlik;
    private final UserLookupMapper userLookupMapper;
    private final GroupSync groups;
    private final CurrentIdentityAssociation identity;
    private final String contentSecurityPolicy;

    DemoResource(BrokerConfig broker, TenantRegistry tenants, CurrentIdentityAssociation identity) {
        this.demo = broker.demo();
        this.qlik = tenants.defaultTenant().settings();
        this.userLookupMapper = tenants.defaultTenant().userLookupMapper();
        this.groups = tenants.defaultTenant().groups();
        this.identity = identity;
        this.contentSecurityPolicy = contentSecurityPolicy(demo.embedScriptUrl(), qlik.tenantUrl());
    }

    /**
     * The page runs in the origin the session cookie and the CSRF rule trust: scripts only from the broker and the
     * one pinned qlik-embed file, connections only to the broker and the tenant (qlik-embed talks to the tenant,
     * and frames and styles its charts from there). Anything else, an injected script included, is refused.
     */
    static String contentSecurityPolicy(String scriptUrl, String tenantUrl) {
        String tenant = origin(tenantUrl);
        return "default-src 'self'; script-src 'self' " + scriptUrl.strip() + " " + tenant + "; connect-src 'self' "
                + tenant + "; img-src 'self' data: " + tenant + "; style-src 'self' 'unsafe-inline' " + tenant
                + "; font-src 'self' data: " + tenant + "; frame-src " + tenant + "; frame-ancestors 'none'; "
                + "base-uri 'none'; form-action 'self'; object-src 'none'";
    }

    private static String origin(String url) {
        java.net.URI uri = java.net.URI.create(url.strip());
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public RestResponse<byte[]> page() {
        return file("index.html", "text/html; charset=utf-8");
    }

    @GET
    @Path("demo/{file}")
    public RestResponse<byte[]> asset(@PathParam("file") String name) {
        String type = FILES.get(name);
        if (type == null) {
            throw new NotFoundException();
        }
        return file(name, type);
    }

    @GET
    @Path("embed-config")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What the example page needs to embed Qlik (404 unless broker.demo.enabled)")
    public EmbedConfig embedConfig() {
        requireEnabled();
        return new EmbedConfig(qlik.tenantUrl(), qlik.clientId(), demo.appId().orElse(null),
                demo.objectId().orElse(null), demo.embedScriptUrl(), demo.embedScriptIntegrity());
    }

    /** Never a login redirect: an anonymous visitor is simply not signed in. */
    @GET
    @Path("session")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Who the example page's visitor is signed in as, and their Qlik user lookup and groups "
            + "(404 unless broker.demo.enabled)")
    @SecurityRequirement(name = BrokerApi.SESSION)
    @SecurityRequirement(name = BrokerApi.BEARER)
    public Uni<SessionInfo> session() {
        requireEnabled();
        return identity.getDeferredIdentity().map(current -> {
            if (current.isAnonymous()) {
                return SessionInfo.anonymous();
            }
            try {
                UserLookup lookup = userLookupMapper.map(current);
                if (!groups.enabled()) {
                    return new SessionInfo(true, userLookupMapper.claimValue(current), lookup, null, null, null);
                }
                SortedSet<String> names = groups.namesFor(current);
                return new SessionInfo(true, userLookupMapper.claimValue(current), lookup, List.copyOf(names),
                        groups.isSynced(lookup.value(), names), null);
            } catch (BrokerException e) {
                return new SessionInfo(true, current.getPrincipal().getName(), null, null, null, e.getMessage());
            }
        });
    }

    private RestResponse<byte[]> file(String name, String type) {
        requireEnabled();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("demo/" + name)) {
            if (in == null) {
                throw new NotFoundException();
            }
            return RestResponse.ResponseBuilder.ok(in.readAllBytes(), type)
                    .header("Content-Security-Policy", contentSecurityPolicy)
                    .build();
        } catch (IOException e) {
            throw new NotFoundException();
        }
    }

    private void requireEnabled() {
        if (!demo.enabled()) {
            throw new NotFoundException();
        }
    }
}
