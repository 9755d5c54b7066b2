package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hunt API endpoint that answers JSON, with the same error contract as {@link HuntApi}: a JSON body
 * {@code {status, error, parameter?, reason?}}, 4xx for bad input, 503 when Elasticsearch cannot be
 * reached, 500 (logged, no stack trace in the body) for anything unexpected. Must run on a worker thread.
 */
final class JsonEndpoint implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(JsonEndpoint.class);
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));
    private static final int MAXIMUM_BODY = 256 * 1024;

    /** Answers one request; the path is relative to where the endpoint is mounted ({@code /} when empty). */
    interface Route {
        Object answer(HttpServerExchange exchange, String path, Parameters parameters) throws IOException;
    }

    private final Route route;

    JsonEndpoint(Route route) {
        this.route = route;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRelativePath().isEmpty() ? "/" : exchange.getRelativePath();
        try {
            Object answer = route.answer(exchange, path, new Parameters(exchange.getQueryParameters()));
            if (!exchange.isResponseStarted()) {
                send(exchange, 200, answer);
            }
        } catch (HuntRequestException refused) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", refused.status());
            body.put("error", refused.getMessage());
            body.put("parameter", refused.parameter());
            body.put("reason", refused.reason());
            sendIfPossible(exchange, refused.status(), body);
        } catch (HuntElasticsearch.ElasticsearchUnavailableException unavailable) {
            LOG.warn("hunt API {}: {}", exchange.getRequestPath(), unavailable.getMessage());
            sendIfPossible(exchange, 503, Map.of("status", 503, "error", unavailable.getMessage()));
        } catch (RuntimeException unexpected) {
            LOG.error("hunt API {} failed", exchange.getRequestPath(), unexpected);
            sendIfPossible(exchange, 500, Map.of("status", 500, "error", "The hunt API failed on "
                    + exchange.getRequestPath() + ": " + unexpected + ". The appliance log has the details."));
        }
    }

    private static void sendIfPossible(HttpServerExchange exchange, int status, Object body) throws IOException {
        if (exchange.isResponseStarted()) {
            // A streamed answer has already sent its status line; cutting the connection is all that is left.
            exchange.getConnection().close();
            return;
        }
        send(exchange, status, body);
    }

    static void send(HttpServerExchange exchange, int status, Object body) throws IOException {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(new HttpString("X-Content-Type-Options"), "nosniff");
        exchange.getResponseSender().send(ByteBuffer.wrap(JSON.writeValueAsBytes(body)));
    }

    static void requireMethod(HttpServerExchange exchange, HttpString... allowed) {
        for (HttpString method : allowed) {
            if (exchange.getRequestMethod().equals(method)) {
                return;
            }
        }
        throw new HuntRequestException(405, null, exchange.getRequestMethod() + " is not allowed on "
                + exchange.getRequestPath() + "; use " + Arrays.toString(allowed) + ".", null);
    }

    static boolean isGet(HttpServerExchange exchange) {
        return exchange.getRequestMethod().equals(Methods.GET);
    }

    /** The request body as a JSON object; a missing, oversized or non-object body is a 400. */
    static JsonNode readObject(HttpServerExchange exchange) throws IOException {
        exchange.startBlocking();
        byte[] body;
        try (InputStream input = exchange.getInputStream()) {
            body = input.readNBytes(MAXIMUM_BODY + 1);
        }
        if (body.length > MAXIMUM_BODY) {
            throw HuntRequestException.badParameter("body", "The request body is larger than " + MAXIMUM_BODY + " bytes.");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException notJson) {
            throw HuntRequestException.badParameter("body", "The body must be a JSON object: " + notJson.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw HuntRequestException.badParameter("body", "The body must be a JSON object.");
        }
        return json;
    }
}
