package io.qlikbroker.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Sends token requests at the same moment, the way many browser tabs or users would. */
public final class ParallelRequests {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ParallelRequests() {
    }

    /** POSTs /access-token once per bearer token, all in flight together; answers in the same order. */
    public static List<HttpResponse<String>> postAccessTokens(URI broker, List<String> bearers) {
        return post(broker, "/access-token", bearers);
    }

    /** POSTs {@code path} once per bearer token, all in flight together; answers in the same order. */
    public static List<HttpResponse<String>> post(URI broker, String path, List<String> bearers) {
        List<CompletableFuture<HttpResponse<String>>> pending = bearers.stream()
                .map(bearer -> HttpRequest.newBuilder(broker.resolve(path))
                        .header("Authorization", "Bearer " + bearer)
                        .POST(HttpRequest.BodyPublishers.noBody()).build())
                .map(request -> CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .toList();
        return pending.stream().map(CompletableFuture::join).toList();
    }
}
