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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hunt REST API, mounted under {@code /api/hunt}. Every answer is JSON; every failure is a JSON body
 * {@code {status, error, parameter?, reason?}} with a 4xx for bad input (a query syntax error carries
 * Elasticsearch's parser message in {@code reason}), 503 when Elasticsearch cannot be reached, and 500
 * (logged, without a stack trace in the body) for anything unexpected.
 *
 * <p>Must run on a worker thread (wrap it in {@code FrontDoor.blocking}); stateless and thread-safe.
 */
public final class HuntApi implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HuntApi.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));
    private static final int MAXIMUM_BODY = 64 * 1024;
    private static final Set<String> RANGE_PARAMETERS = Set.of("index", "from", "to");

    private final HuntSearch search;
    private final ProcessTrees processes;
    private final ScenarioChallenges challenges;

    public HuntApi(HuntSearch search, ProcessTrees processes, ScenarioChallenges challenges) {
        this.search = search;
        this.processes = processes;
        this.challenges = challenges;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRelativePath();
        try {
            Object answer = route(exchange, path.isEmpty() ? "/" : path);
            send(exchange, 200, answer);
        } catch (HuntRequestException refused) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", refused.status());
            body.put("error", refused.getMessage());
            body.put("parameter", refused.parameter());
            body.put("reason", refused.reason());
            send(exchange, refused.status(), body);
        } catch (HuntElasticsearch.ElasticsearchUnavailableException unavailable) {
            LOG.warn("hunt API {}: {}", path, unavailable.getMessage());
            send(exchange, 503, Map.of("status", 503, "error", unavailable.getMessage()));
        } catch (RuntimeException unexpected) {
            LOG.error("hunt API {} failed", path, unexpected);
            send(exchange, 500, Map.of("status", 500, "error", "The hunt API failed on " + path + ": " + unexpected
                    + ". The appliance log has the details."));
        }
    }

    private Object route(HttpServerExchange exchange, String path) throws IOException {
        Parameters parameters = new Parameters(exchange.getQueryParameters());
        String[] segments = path.substring(1).split("/", -1);
        if (segments.length == 4 && segments[0].equals("scenarios") && segments[2].equals("challenges")) {
            throw HuntRequestException.notFound("Answers go to POST /api/hunt/scenarios/" + segments[1] + "/challenges/"
                    + segments[3] + "/answer with a JSON body {\"answer\": \"...\"}.");
        }
        if (segments.length == 5 && segments[0].equals("scenarios") && segments[2].equals("challenges")
                && segments[4].equals("answer")) {
            requireMethod(exchange, Methods.POST);
            parameters.requireOnly(Set.of());
            return challenges.judge(segments[1], segments[3], readAnswer(exchange));
        }
        requireMethod(exchange, Methods.GET);
        switch (path) {
            case "/search" -> {
                return search.search(SearchRequest.parse(parameters, search.now()));
            }
            case "/fields" -> {
                parameters.requireOnly(Set.of("index"));
                return Map.of("fields", search.fields(parameters.text("index", SearchRequest.DEFAULT_INDEX, 255)).values());
            }
            case "/hosts" -> {
                parameters.requireOnly(RANGE_PARAMETERS);
                return Map.of("hosts", processes.hosts(parameters.text("index", ProcessTrees.DEFAULT_INDEX, 255),
                        range(parameters)));
            }
            case "/process-tree" -> {
                parameters.requireOnly(Set.of("index", "from", "to", "host"));
                return processes.tree(parameters.text("index", ProcessTrees.DEFAULT_INDEX, 255),
                        parameters.required("host", 255), range(parameters));
            }
            case "/process-activity" -> {
                parameters.requireOnly(Set.of("index", "from", "to", "host", "guid", "size"));
                return processes.activity(parameters.text("index", ProcessTrees.DEFAULT_INDEX, 255),
                        parameters.required("guid", 100), parameters.text("host", null, 255), range(parameters),
                        parameters.integer("size", 500, 1, 2000));
            }
            case "/scenarios" -> {
                parameters.requireOnly(Set.of());
                return Map.of("scenarios", challenges.cards());
            }
            default -> throw HuntRequestException.notFound("No hunt API at " + path + ". Endpoints: /search, /fields, "
                    + "/hosts, /process-tree, /process-activity, /scenarios, "
                    + "POST /scenarios/{name}/challenges/{id}/answer.");
        }
    }

    private TimeRange range(Parameters parameters) {
        return TimeRange.parse(parameters.text("from", null, 64), parameters.text("to", null, 64), search.now());
    }

    private static void requireMethod(HttpServerExchange exchange, HttpString method) {
        if (!exchange.getRequestMethod().equals(method)) {
            throw new HuntRequestException(405, null, exchange.getRequestMethod() + " is not allowed on "
                    + exchange.getRequestPath() + "; use " + method + ".", null);
        }
    }

    private static String readAnswer(HttpServerExchange exchange) throws IOException {
        exchange.startBlocking();
        byte[] body;
        try (InputStream input = exchange.getInputStream()) {
            body = input.readNBytes(MAXIMUM_BODY + 1);
        }
        if (body.length > MAXIMUM_BODY) {
            throw HuntRequestException.badParameter("answer", "The request body is larger than " + MAXIMUM_BODY + " bytes.");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException notJson) {
            throw HuntRequestException.badParameter("answer", "The body must be JSON such as {\"answer\": \"...\"}: "
                    + notJson.getMessage());
        }
        if (json == null || !json.path("answer").isTextual()) {
            throw HuntRequestException.badParameter("answer", "The body must be a JSON object with a text field 'answer'.");
        }
        return json.path("answer").asText();
    }

    private static void send(HttpServerExchange exchange, int status, Object body) throws IOException {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(new HttpString("X-Content-Type-Options"), "nosniff");
        exchange.getResponseSender().send(ByteBuffer.wrap(JSON.writeValueAsBytes(body)));
    }
}
