package io.qlikbroker.health;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.qlikbroker.qlik.ImpersonationTokenRequest;
import io.qlikbroker.qlik.QlikOAuthClient;

/**
 * What makes the impersonation client unfit, read from its configuration on the tenant before any user meets it: no
 * impersonation grant (every token request fails), a page origin it does not allow (qlik-embed fails in the browser
 * with {@code OAUTH-29}), scopes beyond what the broker asks (more power than it needs, against Qlik's guidance).
 * Empty when it is fit.
 */
final class ClientPreflight {

    private ClientPreflight() {
    }

    static List<String> problems(Optional<QlikOAuthClient> found, String clientId, List<String> pageOrigins,
            String scope) {
        if (found.isEmpty()) {
            return List.of("the tenant has no OAuth client " + clientId + " (qlik.client-id), or the admin client may "
                    + "not read OAuth clients");
        }
        QlikOAuthClient client = found.get();
        List<String> problems = new ArrayList<>();
        if (!client.allowedGrantTypes().contains(ImpersonationTokenRequest.GRANT_TYPE)) {
            problems.add("OAuth client " + clientId + " lacks the grant " + ImpersonationTokenRequest.GRANT_TYPE);
        }
        Set<String> allowed = client.allowedOrigins().stream().map(ClientPreflight::origin).collect(Collectors.toSet());
        List<String> missing = pageOrigins.stream().filter(origin -> !allowed.contains(origin(origin))).toList();
        if (!missing.isEmpty()) {
            problems.add("OAuth client " + clientId + " does not allow the origin " + String.join(", ", missing)
                    + " (broker.allowed-origins): qlik-embed on those pages fails with OAUTH-29");
        }
        Set<String> asked = Set.copyOf(Arrays.asList(scope.strip().split("\\s+")));
        List<String> beyond = client.allowedScopes().stream().filter(granted -> !asked.contains(granted)).sorted()
                .toList();
        if (!beyond.isEmpty()) {
            problems.add("OAuth client " + clientId + " allows scopes beyond qlik.scope (" + scope.strip() + "): "
                    + String.join(" ", beyond));
        }
        return problems;
    }

    /** Origins compare without a trailing slash and case-insensitively (scheme and host are). */
    private static String origin(String origin) {
        String trimmed = origin.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }
}
