package io.qlikbroker.dev;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.qlikbroker.config.QlikConfig;
import io.qlikbroker.qlik.ImpersonationTokenRequest;
import io.quarkus.arc.profile.IfBuildProfile;

/**
 * The simulated tenant's users (alice and bob) and custom groups, for {@code ./mvnw quarkus:dev}: the subset of the
 * Users and Groups APIs the broker calls, with Qlik's answers (409 on a duplicate group, 400 for adding a group the
 * user has). Dev mode only; state lives in memory until the next restart.
 */
@IfBuildProfile("dev")
@Path("/dev/qlik/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SimulatedQlikDirectory {

    static final String ADMIN_TOKEN_PREFIX = "dev-admin-";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FILTER = Pattern.compile("(\\w+) eq (\".*\")");

    private final AtomicLong ids = new AtomicLong();
    /** Group id to name; all custom. */
    private final Map<String, String> groups = new LinkedHashMap<>();
    /** User id to the ids of its groups. */
    private final Map<String, List<String>> memberships = new LinkedHashMap<>();

    private final QlikConfig config;

    public SimulatedQlikDirectory(QlikConfig config) {
        this.config = config;
        SimulatedQlikTenant.USERS.forEach(subject -> memberships.put(userId(subject), new ArrayList<>()));
    }

    static String userId(String subject) {
        return "dev-user-" + subject;
    }

    @GET
    @Path("users")
    public synchronized RestResponse<Map<String, Object>> findUsers(@QueryParam("filter") String filter,
            @HeaderParam("Authorization") String bearer) {
        if (!admin(bearer)) {
            return unauthorized();
        }
        String subject = filterValue(filter, "subject");
        List<Map<String, Object>> data = SimulatedQlikTenant.USERS.stream().filter(user -> user.equalsIgnoreCase(subject))
                .map(user -> user(user, false)).toList();
        return RestResponse.ok(Map.of("data", data, "links", Map.of()));
    }

    @GET
    @Path("users/{id}")
    public synchronized RestResponse<Map<String, Object>> user(@PathParam("id") String id,
            @HeaderParam("Authorization") String bearer) {
        if (!admin(bearer)) {
            return unauthorized();
        }
        return SimulatedQlikTenant.USERS.stream().filter(subject -> userId(subject).equals(id)).findFirst()
                .map(subject -> RestResponse.ok(user(subject, true)))
                .orElseGet(() -> SimulatedQlikTenant.error(404, "USERS-7", "Not found", "No such user"));
    }

    /** One or more {@code add} / {@code remove-value} operations on {@code /assignedGroups}: all applied, or none. */
    @PATCH
    @Path("users/{id}")
    public synchronized RestResponse<Map<String, Object>> patch(@PathParam("id") String id, JsonNode operations,
            @HeaderParam("Authorization") String bearer) {
        if (!admin(bearer)) {
            return unauthorized();
        }
        List<String> current = memberships.get(id);
        if (current == null) {
            return SimulatedQlikTenant.error(404, "USERS-7", "Not found", "No such user");
        }
        List<String> after = new ArrayList<>(current);
        for (JsonNode operation : operations) {
            String group = operation.path("value").asText();
            boolean applied = groups.containsKey(group) && switch (operation.path("op").asText()) {
                case "add" -> !after.contains(group) && after.add(group);
                case "remove-value" -> after.remove(group);
                default -> false;
            };
            if (!applied) {
                return SimulatedQlikTenant.error(400, "USERS-11", "Bad request", "Invalid group change");
            }
        }
        current.clear();
        current.addAll(after);
        return RestResponse.noContent();
    }

    /**
     * The dev impersonation client as the OAuth clients API shows it to an admin: fit for impersonation, so that the
     * preflight check (qlik-client) is UP in dev mode. The page is served by the broker itself: no origin to list.
     */
    @GET
    @Path("oauth-clients")
    public RestResponse<Map<String, Object>> findOAuthClients(@QueryParam("filter") String filter,
            @HeaderParam("Authorization") String bearer) {
        if (!admin(bearer)) {
            return unauthorized();
        }
        String clientId = filterValue(filter, "clientId");
        List<Map<String, Object>> data = clientId.equals(config.clientId())
                ? List.of(Map.of("clientId", clientId, "allowedGrantTypes", List.of(ImpersonationTokenRequest.GRANT_TYPE),
                        "allowedOrigins", List.of(), "allowedScopes", List.of("user_default")))
                : List.of();
        return RestResponse.ok(Map.of("data", data, "links", Map.of()));
    }

    @GET
    @Path("groups")
    public synchronized RestResponse<Map<String, Object>> findGroups(@QueryParam("filter") String filter,
            @HeaderParam("Authorization") String bearer) {
        if (!admin(bearer)) {
            return unauthorized();
        }
        String name = filterValue(filter, "name").toLowerCase(Locale.ROOT);
        List<Map<String, Object>> data = groups.entrySet().stream()
                .filter(group -> group.getValue().toLowerCase(Locale.ROOT).equals(name))
                .map(group -> group(group.getKey())).toList();
        return RestResponse.ok(Map.of("data", data, "links", Map.of()));
    }

    @POST
    @Path("groups")
    public synchronized RestResponse<Map<String, Object>> createGroup(JsonNode body,
            @HeaderParam("Authorization") String bearer) {
        if (!admin(bearer)) {
            return unauthorized();
        }
        String name = body.path("name").asText();
        if (groups.containsValue(name)) {
            return SimulatedQlikTenant.error(409, "GROUPS-4", "Conflict", "A custom group with this name exists");
        }
        String id = "dev-group-" + ids.incrementAndGet();
        groups.put(id, name);
        return RestResponse.status(RestResponse.Status.CREATED, group(id));
    }

    private Map<String, Object> user(String subject, boolean withGroups) {
        Map<String, Object> user = new LinkedHashMap<>(Map.of("id", userId(subject), "subject", subject,
                "name", subject, "status", "active"));
        if (withGroups) {
            user.put("assignedGroups", memberships.get(userId(subject)).stream().map(this::group).toList());
        }
        return user;
    }

    private Map<String, Object> group(String id) {
        return Map.of("id", id, "name", groups.get(id), "providerType", "custom", "status", "active");
    }

    private static String filterValue(String filter, String attribute) {
        Matcher matcher = FILTER.matcher(filter == null ? "" : filter);
        try {
            return matcher.matches() && matcher.group(1).equals(attribute) ? JSON.readValue(matcher.group(2), String.class)
                    : "";
        } catch (Exception malformed) {
            return "";
        }
    }

    private static boolean admin(String bearer) {
        return bearer != null && bearer.startsWith("Bearer " + ADMIN_TOKEN_PREFIX);
    }

    private static RestResponse<Map<String, Object>> unauthorized() {
        return SimulatedQlikTenant.error(401, "HTTP-401", "Unauthorized", "The admin client's token is required");
    }
}
