package io.qlikbroker.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.qlikbroker.testing.MetricsScrape;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.qlikbroker.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Grafana dashboard and the Prometheus alerting rules in deploy/ stay true to the broker: every metric they query
 * exists in a real scrape of /q/metrics after a known sequence of requests, and promtool accepts the rules and every
 * dashboard query.
 */
@QuarkusTest
class DashboardAndAlertsTest extends QlikTenantTestBase {

    private static final Path DASHBOARD = Path.of("deploy", "grafana", "qlik-token-broker.json");
    private static final Path RULES = Path.of("deploy", "prometheus", "qlik-token-broker-rules.yml");
    private static final Pattern METRIC = Pattern.compile("\\bbroker_[a-z0-9_]+");
    /** Series that only exist where their feature is on; other tests scrape them there. */
    private static final Map<String, String> CONDITIONAL = Map.of(
            "broker_group_sync_total", "qlik.groups.enabled (GroupSyncTest)",
            "broker_store_errors_total", "broker.store=redis, after a failed Redis call (SharedStateIT)");

    @Test
    void everyMetricTheDashboardAndTheAlertsUseExistsInARealScrape() throws IOException {
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
        given().auth().oauth2(TestTokens.bearer(user)).when().post("/access-token").then().statusCode(200);
        given().auth().oauth2(TestTokens.bearerWith(Map.of("email", "x@example.com"))).when().post("/access-token")
                .then().statusCode(403);
        MetricsScrape scrape = MetricsScrape.now();

        Set<String> used = new TreeSet<>();
        dashboardQueries().forEach(query -> used.addAll(metrics(query)));
        used.addAll(metrics(Files.readString(RULES, StandardCharsets.UTF_8)));
        assertTrue(used.size() >= 8, used.toString());
        List<String> missing = used.stream().filter(name -> !CONDITIONAL.containsKey(name))
                .filter(name -> !Pattern.compile("^" + name + "[{ ]", Pattern.MULTILINE).matcher(scrape.text()).find())
                .toList();
        assertEquals(List.of(), missing, "queried but not exported");
    }

    @Test
    void promtoolAcceptsTheRulesAndEveryDashboardQuery() throws Exception {
        Assumptions.assumeTrue(onPath("promtool"),
                "promtool is missing: apt-get install prometheus (.ci/run installs it)");
        assertEquals("", promtool(RULES));

        // The dashboard's queries as recording rules, with Grafana's variables filled in: promtool parses each.
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        List<String> queries = dashboardQueries();
        for (int i = 0; i < queries.size(); i++) {
            String query = queries.get(i).replace("$__rate_interval", "5m").replace("$tenant", ".*");
            rules.append("      - record: dashboard:query").append(i).append("\n        expr: '")
                    .append(query.replace("'", "''")).append("'\n");
        }
        Path file = Files.createTempFile("dashboard-queries", ".yml");
        Files.writeString(file, rules);
        assertEquals("", promtool(file));
    }

    private static List<String> dashboardQueries() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertEquals("qlik-token-broker", dashboard.path("uid").asText());
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertFalse(panel.path("targets").isEmpty(), panel.path("title").asText());
            panel.path("targets").forEach(target -> queries.add(target.path("expr").asText()));
        }
        return queries;
    }

    private static Set<String> metrics(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    /** promtool's complaint, or "" when it accepts the file. */
    private static String promtool(Path rules) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("promtool", "check", "rules", rules.toString()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return process.waitFor() == 0 ? "" : output;
    }

    private static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
