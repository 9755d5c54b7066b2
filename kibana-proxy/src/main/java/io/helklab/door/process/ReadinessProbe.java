package io.helklab.door.process;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Tells whether a child process serves requests yet. Called repeatedly from the supervisor's
 * thread until it answers {@code true}; an exception counts as "not yet".
 */
@FunctionalInterface
public interface ReadinessProbe {
    /** Ready as soon as the process runs: for children with nothing to probe. */
    ReadinessProbe RUNNING = () -> true;

    boolean ready() throws Exception;

    /** Ready once {@code GET uri} answers 200 and the body satisfies {@code body}. */
    static ReadinessProbe http(URI uri, Predicate<String> body) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
        return () -> {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && body.test(response.body());
        };
    }
}
