package io.qlikbroker.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * A tenant's users and groups with Qlik's semantics (shared/qlik-api.md, "Groups"): the Users API (find by subject,
 * create, read one with its {@code assignedGroups}, JSON Patch of {@code /assignedGroups}) and the Groups API (find by
 * name, case-insensitively; create a custom group, 409 on a duplicate name). A patch applies all its operations or
 * none: adding a group the user has, or touching an IdP group, answers 400. Every call needs the admin client's
 * bearer token. Tests seed it, act, then read its state and the WireMock journal.
 */
public final class QlikDirectoryFake implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "qlik-directory";
    public static final String ADMIN_CLIENT_ID = "admin-client";
    public static final String ADMIN_CLIENT_SECRET = "admin-secret-0123456789";
    public static final String ADMIN_TOKEN = "admin-token-for-users-and-groups";
    public static final String GROUPS_PATH = "/api/v1/groups";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FILTER = Pattern.compile("(\\w+) eq (\".*\")");
    private static final Pattern USER_PATH = Pattern.compile("/api/v1/users/([^/]+)");

    public record Group(String id, String name, String providerType) {
    }

    private record User(String id, String subject, List<String> groupIds) {
    }

    /** An OAuth client's configuration as the OAuth clients API shows it to an admin. */
    public record OAuthClient(String clientId, List<String> allowedGrantTypes, List<String> allowedOrigins,
            List<String> allowedScopes) {

        /** What the broker needs: the impersonation grant, the test page's origin, user_default only. */
        public static OAuthClient fit(String clientId) {
            return new OAuthClient(clientId, List.of("urn:qlik:oauth:user-impersonation"),
                    List.of(PAGE_ORIGIN), List.of("user_default"));
        }

        /** A client the tenant does not have (or does not show the admin client). */
        public static OAuthClient absent(String clientId) {
            return new OAuthClient(clientId, null, null, null);
        }
    }

    /** The origin the profiles with an admin client allow (broker.allowed-origins). */
    public static final String PAGE_ORIGIN = "https://app.example.com";

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, OAuthClient> oauthClients = new LinkedHashMap<>();
    private long ids;

    /** The fake behind {@code server}: every {@link QlikTenantFake} carries one. */
    public static QlikDirectoryFake of(WireMockServer server) {
        return (QlikDirectoryFake) server.getOptions().getDeclaredExtensions().getInstances().get(NAME);
    }

    /** Empties the directory and routes the admin token, Users and Groups APIs to it (below tests' own stubs). */
    public void serveOn(WireMockServer server) {
        clear();
        int priority = QlikTenantFake.DEFAULT_PRIORITY - 1;
        server.stubFor(post(urlPathEqualTo(QlikTenantFake.TOKEN_PATH)).atPriority(priority)
                .withRequestBody(matchingJsonPath("$.grant_type", equalTo("client_credentials")))
                .withRequestBody(matchingJsonPath("$.client_id", equalTo(ADMIN_CLIENT_ID)))
                .withRequestBody(matchingJsonPath("$.client_secret", equalTo(ADMIN_CLIENT_SECRET)))
                .willReturn(okJson("{\"access_token\": \"" + ADMIN_TOKEN
                        + "\", \"token_type\": \"bearer\", \"expires_in\": 3600}")));
        server.stubFor(any(urlPathMatching("/api/v1/(users|groups|oauth-clients)(/.*)?")).atPriority(priority)
                .willReturn(aResponse().withTransformers(NAME)));
    }

    public synchronized void clear() {
        groups.clear();
        users.clear();
        oauthClients.clear();
    }

    /** Replaces the configuration the tenant shows for {@code client.clientId()}; unknown ids are fit by default. */
    public synchronized void oauthClient(OAuthClient client) {
        oauthClients.put(client.clientId(), client);
    }

    /** A user the tenant already has; its id. */
    public synchronized String addUser(String subject) {
        String id = "user-" + (++ids);
        users.put(id, new User(id, subject, new ArrayList<>()));
        return id;
    }

    /** A group, {@code custom} or {@code idp}; its id. */
    public synchronized String addGroup(String name, String providerType) {
        String id = "group-" + (++ids);
        groups.put(id, new Group(id, name, providerType));
        return id;
    }

    public synchronized void assign(String userId, String groupId) {
        users.get(userId).groupIds().add(groupId);
    }

    public synchronized Optional<String> userIdOf(String subject) {
        return users.values().stream().filter(user -> user.subject().equals(subject)).map(User::id).findFirst();
    }

    /** The groups assigned to the user, in assignment order. */
    public synchronized List<Group> groupsOf(String userId) {
        return users.get(userId).groupIds().stream().map(groups::get).toList();
    }

    /** Every group with exactly this name. */
    public synchronized List<Group> groupsNamed(String name) {
        return groups.values().stream().filter(group -> group.name().equals(name)).toList();
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        if (!("Bearer " + ADMIN_TOKEN).equals(request.getHeader("Authorization"))) {
            return QlikTenantFake.qlikError(401, "HTTP-401", "Unauthorized").build();
        }
        String path = request.getUrl().replaceFirst("\\?.*", "");
        Matcher userPath = USER_PATH.matcher(path);
        try {
            return switch (request.getMethod().getName() + " " + (userPath.matches() ? "/api/v1/users/{id}" : path)) {
                case "GET /api/v1/users" -> findUsers(filterValue(request, "subject"));
                case "POST /api/v1/users" -> createUser(JSON.readTree(request.getBodyAsString()));
                case "GET /api/v1/users/{id}" -> user(userPath.group(1));
                case "PATCH /api/v1/users/{id}" -> patch(userPath.group(1), JSON.readTree(request.getBodyAsString()));
                case "GET " + GROUPS_PATH -> findGroups(filterValue(request, "name"));
                case "POST " + GROUPS_PATH -> createGroup(JSON.readTree(request.getBodyAsString()));
                case "GET /api/v1/oauth-clients" -> findOAuthClient(filterValue(request, "clientId"));
                default -> QlikTenantFake.qlikError(404, "HTTP-404", "Not Found").build();
            };
        } catch (Exception malformed) {
            return QlikTenantFake.qlikError(400, "HTTP-400", "Bad Request").build();
        }
    }

    /** The JSON string of {@code <attribute> eq "<value>"}, decoded; Qlik compares case-insensitively. */
    private static String filterValue(Request request, String attribute) throws Exception {
        Matcher filter = FILTER.matcher(request.queryParameter("filter").firstValue());
        if (!filter.matches() || !filter.group(1).equals(attribute)) {
            throw new IllegalArgumentException("unsupported filter");
        }
        return JSON.readValue(filter.group(2), String.class);
    }

    private ResponseDefinition findUsers(String subject) {
        ArrayNode data = JSON.createArrayNode();
        users.values().stream().filter(user -> user.subject().equalsIgnoreCase(subject))
                .forEach(user -> data.add(userJson(user, false)));
        return page(data);
    }

    private ResponseDefinition createUser(JsonNode body) {
        String subject = body.path("subject").asText();
        if (userIdOf(subject).isPresent()) {
            return QlikTenantFake.qlikError(409, "USERS-3", "Conflict").build();
        }
        return json(201, userJson(users.get(addUser(subject)), false));
    }

    private ResponseDefinition user(String id) {
        User user = users.get(id);
        return user == null ? QlikTenantFake.qlikError(404, "USERS-7", "Not found").build() : json(200, userJson(user, true));
    }

    private ResponseDefinition patch(String id, JsonNode operations) {
        User user = users.get(id);
        if (user == null) {
            return QlikTenantFake.qlikError(404, "USERS-7", "Not found").build();
        }
        List<String> after = new ArrayList<>(user.groupIds());
        for (JsonNode operation : operations) {
            Group group = groups.get(operation.path("value").asText());
            boolean assigned = group != null && after.contains(group.id());
            boolean valid = group != null && "custom".equals(group.providerType()) && switch (operation.path("op").asText()) {
                case "add" -> "/assignedGroups/-".equals(operation.path("path").asText()) && !assigned && after.add(group.id());
                case "remove-value" -> "/assignedGroups".equals(operation.path("path").asText()) && assigned
                        && after.remove(group.id());
                default -> false;
            };
            if (!valid) {
                return QlikTenantFake.qlikError(400, "USERS-11", "Invalid patch").build();
            }
        }
        user.groupIds().clear();
        user.groupIds().addAll(after);
        return new ResponseDefinitionBuilder().withStatus(204).build();
    }

    private ResponseDefinition findGroups(String name) {
        ArrayNode data = JSON.createArrayNode();
        groups.values().stream().filter(group -> group.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .forEach(group -> data.add(groupJson(group)));
        return page(data);
    }

    private ResponseDefinition createGroup(JsonNode body) {
        String name = body.path("name").asText();
        if (name.isEmpty() || name.length() > 256 || !"custom".equals(body.path("providerType").asText())
                || !"active".equals(body.path("status").asText())) {
            return QlikTenantFake.qlikError(400, "GROUPS-1", "Invalid group").build();
        }
        if (groups.values().stream().anyMatch(group -> group.name().equals(name) && "custom".equals(group.providerType()))) {
            return QlikTenantFake.qlikError(409, "GROUPS-4", "Conflict").build();
        }
        return json(201, groupJson(groups.get(addGroup(name, "custom"))));
    }

    private ResponseDefinition findOAuthClient(String clientId) {
        OAuthClient client = oauthClients.getOrDefault(clientId, OAuthClient.fit(clientId));
        ArrayNode data = JSON.createArrayNode();
        if (client.allowedGrantTypes() != null) {
            data.add(JSON.valueToTree(client));
        }
        return page(data);
    }

    private ObjectNode userJson(User user, boolean withGroups) {
        ObjectNode json = JSON.createObjectNode().put("id", user.id()).put("subject", user.subject())
                .put("name", "Someone").put("status", "active");
        if (withGroups) {
            ArrayNode assigned = json.putArray("assignedGroups");
            user.groupIds().stream().map(groups::get).forEach(group -> assigned.add(groupJson(group)));
        }
        return json;
    }

    private static ObjectNode groupJson(Group group) {
        return JSON.createObjectNode().put("id", group.id()).put("name", group.name())
                .put("providerType", group.providerType()).put("status", "active");
    }

    private static ResponseDefinition page(ArrayNode data) {
        ObjectNode body = JSON.createObjectNode();
        body.set("data", data);
        body.putObject("links");
        return json(200, body);
    }

    private static ResponseDefinition json(int status, JsonNode body) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body.toString()).build();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
