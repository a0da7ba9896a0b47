package io.qlikbroker.tenant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code /.well-known/jwks.json}: the public keys of every client that authenticates with private_key_jwt, to
 * register at Qlik (a JWK, which is what Qlik takes) or to point the OAuth client's {@code jwksUri} at. During a key
 * rollover both keys are here until the old one leaves the key file. Public keys only; empty without such clients.
 */
@Path("/.well-known/jwks.json")
public class JwksResource {

    private final TenantRegistry tenants;

    JwksResource(TenantRegistry tenants) {
        this.tenants = tenants;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public RestResponse<Map<String, List<Map<String, Object>>>> keys() {
        Map<Object, Map<String, Object>> byKeyId = new LinkedHashMap<>();
        tenants.all().forEach(tenant -> tenant.connection().credentials().forEach(
                credential -> credential.publicKeys().forEach(key -> byKeyId.putIfAbsent(key.get("kid"), key))));
        // A fetcher may keep it a minute; a rotation adds the new key well before it signs with it.
        return RestResponse.ResponseBuilder.ok(Map.of("keys", List.copyOf(byKeyId.values())))
                .header("Cache-Control", "max-age=60").build();
    }
}
