package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * Elasticsearch's HTTP API as the hunt API uses it: JSON in, JSON out, over one shared
 * {@link HttpClient}. Thread-safe.
 *
 * <p>Failures: a 4xx answer becomes a {@link HuntRequestException} with status 400 that carries
 * Elasticsearch's own explanation (for a query, the parser's message) so the user can fix the input;
 * anything else (unreachable, 5xx, timeout) becomes an {@link ElasticsearchUnavailableException}.
 */
public final class ElasticsearchHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final HttpClient client;

    /** @param baseUrl {@code http://127.0.0.1:9200}, as {@code HelkLab.elasticsearchUrl()} reports it */
    public ElasticsearchHttp(String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** {@code GET path} (which starts with {@code /} and is already URL-safe). */
    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), path, null);
    }

    /**
     * {@code POST path} with a JSON body.
     *
     * @param blamedParameter the request parameter a 4xx answer is attributed to (e.g. {@code query})
     */
    public JsonNode post(String path, JsonNode body, String blamedParameter) {
        String text = body.toString();
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)), path, blamedParameter);
    }

    private JsonNode send(HttpRequest.Builder request, String path, String blamedParameter) {
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException failure) {
            throw new ElasticsearchUnavailableException("Elasticsearch at " + baseUrl + " did not answer " + path + ": "
                    + failure.getMessage() + ". Check /api/health; the appliance may still be starting.", failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ElasticsearchUnavailableException("Interrupted while waiting for Elasticsearch (" + path + ")",
                    interrupted);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException notJson) {
            throw new ElasticsearchUnavailableException("Elasticsearch answered " + path + " with status "
                    + response.statusCode() + " and a body that is not JSON", notJson);
        }
        int status = response.statusCode();
        if (status >= 400 && status < 500) {
            throw new HuntRequestException(400, blamedParameter, "Elasticsearch rejected the request: "
                    + ElasticsearchErrors.summary(body), ElasticsearchErrors.innermostReason(body));
        }
        if (status >= 300) {
            throw new ElasticsearchUnavailableException("Elasticsearch answered " + path + " with status " + status + ": "
                    + ElasticsearchErrors.summary(body), null);
        }
        return body;
    }

    /** Elasticsearch could not be reached or failed internally; the request may succeed later. */
    public static final class ElasticsearchUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ElasticsearchUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
