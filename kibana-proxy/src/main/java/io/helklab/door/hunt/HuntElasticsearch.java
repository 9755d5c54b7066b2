package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import io.helklab.elasticsearch.ElasticsearchHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * Elasticsearch's HTTP API as the hunt API uses it: JSON in, JSON out, on top of the appliance's
 * {@link ElasticsearchHttp}, with the hunt API's error mapping. Thread-safe.
 *
 * <p>Failures: a 4xx answer becomes a {@link HuntRequestException} with status 400 that carries
 * Elasticsearch's own explanation (for a query, the parser's message) so the user can fix the input;
 * anything else (unreachable, 5xx, timeout) becomes an {@link ElasticsearchUnavailableException}.
 */
public final class HuntElasticsearch {
    private static final Duration TIMEOUT = QueryLimits.REQUEST_TIMEOUT;

    private final ElasticsearchHttp http;

    /** @param baseUrl {@code http://127.0.0.1:9200}, as {@code HelkLab.elasticsearchUrl()} reports it */
    public HuntElasticsearch(String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        this.http = new ElasticsearchHttp(baseUrl, TIMEOUT);
    }

    public String baseUrl() {
        return http.baseUrl();
    }

    /** {@code GET path} (which starts with {@code /} and is already URL-safe). */
    public JsonNode get(String path) {
        return checked(path, null, () -> http.get(path));
    }

    /**
     * {@code POST path} with a JSON body.
     *
     * @param blamedParameter the request parameter a 4xx answer is attributed to (e.g. {@code query})
     */
    public JsonNode post(String path, JsonNode body, String blamedParameter) {
        return checked(path, blamedParameter, () -> http.post(path, body));
    }

    /** {@code PUT path} with a JSON body (index creation, documents). */
    public JsonNode put(String path, JsonNode body, String blamedParameter) {
        return checked(path, blamedParameter, () -> http.put(path, body));
    }

    /** {@code DELETE path}; a 404 (already gone) counts as done and answers {@code null}. */
    public JsonNode delete(String path) {
        ElasticsearchHttp.Response[] answer = new ElasticsearchHttp.Response[1];
        try {
            return checked(path, null, () -> {
                answer[0] = http.send("DELETE", path);
                return answer[0];
            });
        } catch (HuntRequestException refused) {
            if (answer[0] != null && answer[0].status() == 404) {
                return null;
            }
            throw refused;
        }
    }

    private interface Call {
        ElasticsearchHttp.Response send() throws IOException, InterruptedException;
    }

    private JsonNode checked(String path, String blamedParameter, Call call) {
        ElasticsearchHttp.Response response;
        try {
            response = call.send();
        } catch (IOException failure) {
            throw new ElasticsearchUnavailableException("Elasticsearch at " + baseUrl() + " did not answer " + path + ": "
                    + failure.getMessage() + ". Check /api/health; the appliance may still be starting.", failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ElasticsearchUnavailableException("Interrupted while waiting for Elasticsearch (" + path + ")",
                    interrupted);
        }
        JsonNode body = response.body();
        int status = response.status();
        if (body == null) {
            throw new ElasticsearchUnavailableException("Elasticsearch answered " + path + " with status " + status
                    + " and a body that is not JSON", null);
        }
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
