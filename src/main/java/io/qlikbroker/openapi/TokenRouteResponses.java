package io.qlikbroker.openapi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.qlikbroker.problem.Problem;
import io.qlikbroker.problem.ProblemKind;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The answers of the token routes in the document: the token ({@code POST}: text or JSON), nothing ({@code DELETE}),
 * and the RFC 9457 problems, built from {@link ProblemKind} itself so that the document cannot drift from the code:
 * one response per status, whose schema lists the problem types of that status. Which kinds a route can answer is the
 * one table below; the resources' annotations only name and describe the operations.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class TokenRouteResponses implements OASFilter {

    static final String SCHEMA = "Problem";
    static final String ACCESS_TOKEN = "AccessTokenResponse";

    /** What a token request ({@code POST}) can be refused with; the default tenant's route has no unknown tenant. */
    private static final Set<ProblemKind> ISSUE = EnumSet.allOf(ProblemKind.class);
    private static final Set<ProblemKind> FORGET = EnumSet.of(ProblemKind.UNAUTHENTICATED,
            ProblemKind.CROSS_SITE_REQUEST, ProblemKind.UNKNOWN_TENANT);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(SCHEMA, problemSchema());
        openAPI.getComponents().addSchema(ACCESS_TOKEN, accessTokenSchema());
        Map<String, PathItem> paths = openAPI.getPaths() == null ? Map.of() : openAPI.getPaths().getPathItems();
        paths.forEach((path, item) -> {
            boolean named = path.contains("{tenant}");
            if (path.endsWith("/access-token")) {
                addToken(item.getPOST());
                addProblems(item.getPOST(), named ? ISSUE : without(ISSUE, ProblemKind.UNKNOWN_TENANT));
                addForgotten(item.getDELETE());
                addProblems(item.getDELETE(), named ? FORGET : without(FORGET, ProblemKind.UNKNOWN_TENANT));
            }
        });
    }

    /** The bare token as text (what qlik-embed's getAccessToken() reads), or JSON when asked for. */
    private static void addToken(Operation operation) {
        if (operation == null) {
            return;
        }
        operation.getResponses().addAPIResponse("200", OASFactory.createAPIResponse().description("The token")
                .content(OASFactory.createContent()
                        .addMediaType("text/plain", OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)))
                        .addMediaType("application/json", OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref(ACCESS_TOKEN)))));
    }

    private static void addForgotten(Operation operation) {
        if (operation != null) {
            // The scanner cannot see through Uni<RestResponse<Void>> and would say 200.
            operation.getResponses().removeAPIResponse("200");
            operation.getResponses().addAPIResponse("204",
                    OASFactory.createAPIResponse().description("Forgotten, whether or not one was cached"));
        }
    }

    private static Set<ProblemKind> without(Set<ProblemKind> kinds, ProblemKind absent) {
        EnumSet<ProblemKind> rest = EnumSet.copyOf(kinds);
        rest.remove(absent);
        return rest;
    }

    private static void addProblems(Operation operation, Set<ProblemKind> kinds) {
        if (operation == null) {
            return;
        }
        Map<Integer, List<ProblemKind>> byStatus = kinds.stream()
                .collect(Collectors.groupingBy(ProblemKind::status, TreeMap::new, Collectors.toList()));
        byStatus.forEach((status, ofStatus) -> {
            Schema schema = OASFactory.createSchema()
                    .allOf(List.of(OASFactory.createSchema().ref(SCHEMA), OASFactory.createSchema()
                            .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                                    .enumeration(new ArrayList<>(ofStatus.stream().map(k -> k.type().toString()).toList())))
                            .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                                    .enumeration(List.of(status)))));
            String description = ofStatus.stream().map(k -> k.title() + " (" + k.type() + ")")
                    .collect(Collectors.joining("; "));
            operation.getResponses().addAPIResponse(String.valueOf(status), OASFactory.createAPIResponse()
                    .description(description)
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                            OASFactory.createMediaType().schema(schema))));
        });
    }

    /** The JSON form of a token (token.AccessTokenResponse). */
    private static Schema accessTokenSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .required(Arrays.asList("access_token", "token_type", "expires_in"))
                .addProperty("access_token", string)
                .addProperty("token_type", string)
                .addProperty("expires_in", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .description("Seconds the token remains valid"))
                .addProperty("expires_at", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .format("date-time"));
    }

    /** RFC 9457 §3.1 members, plus the broker's traceId extension member. */
    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .required(Arrays.asList("type", "title", "status"))
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri"))
                .addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", string)
                .addProperty("traceId", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The OpenTelemetry trace id of the request: it finds the trace and the audit line."));
    }
}
