package io.helklab.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small JSON client for Elasticsearch's REST API, for tools that run outside the appliance's JVM too. */
public final class ElasticsearchHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient client;
    private final ElasticsearchConnection connection;

    public ElasticsearchHttp(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(60));
    }

    /** @param timeout how long one request may take */
    public ElasticsearchHttp(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        // An attached cluster's credentials and CA come with its URL, so callers need not carry them.
        this.connection = ElasticsearchConnection.registered(this.baseUrl).orElse(null);
        this.client = connection == null ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                : connection.newHttpClient(Duration.ofSeconds(5));
    }

    /** {@code http://host:port}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The response: status code and parsed body ({@code null} when the body is not JSON). */
    public record Response(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response post(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public Response put(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** Any method, no body. */
    public Response send(String method, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** The document count of an index pattern (0 when nothing matches). */
    public long count(String indexPattern, Object query) throws IOException, InterruptedException {
        Response response = post("/" + indexPattern + "/_count?ignore_unavailable=true&allow_no_indices=true",
                query == null ? Map.of() : Map.of("query", query));
        if (response.status() == 503) {
            throw new NotReadyException("Elasticsearch answered 503 to a count on " + indexPattern
                    + " (an index whose shards are still starting): " + response.body());
        }
        if (!response.ok()) {
            throw new IOException("Elasticsearch answered " + response.status() + " to a count on " + indexPattern + ": "
                    + response.body());
        }
        return response.body().path("count").asLong();
    }

    /** A 503: the indices exist but cannot answer yet (shards still starting); asking again later can succeed. */
    public static final class NotReadyException extends IOException {
        private static final long serialVersionUID = 1L;

        public NotReadyException(String message) {
            super(message);
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (connection != null) {
            connection.authenticate(request);
        }
        HttpResponse<String> response = client.send(request.timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = response.body().isEmpty() ? null : JSON.readTree(response.body());
        } catch (IOException notJson) {
            body = null;
        }
        return new Response(response.statusCode(), body);
    }
}
