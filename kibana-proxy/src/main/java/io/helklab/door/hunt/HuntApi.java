package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * The hunt REST API, mounted under {@code /api/hunt}. Every answer is JSON; every failure is a JSON body
 * {@code {status, error, parameter?, reason?}} with a 4xx for bad input (a query syntax error carries
 * Elasticsearch's parser message in {@code reason}), 503 when Elasticsearch cannot be reached, and 500
 * (logged, without a stack trace in the body) for anything unexpected.
 *
 * <p>Must run on a worker thread (wrap it in {@code FrontDoor.blocking}); stateless and thread-safe.
 */
public final class HuntApi implements HttpHandler {
    private static final Set<String> RANGE_PARAMETERS = Set.of("index", "from", "to");

    private final HuntSearch search;
    private final ProcessTrees processes;
    private final ScenarioChallenges challenges;
    private final JsonEndpoint endpoint = new JsonEndpoint(this::route);

    public HuntApi(HuntSearch search, ProcessTrees processes, ScenarioChallenges challenges) {
        this.search = search;
        this.processes = processes;
        this.challenges = challenges;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        endpoint.handleRequest(exchange);
    }

    private Object route(HttpServerExchange exchange, String path, Parameters parameters) throws IOException {
        String[] segments = path.substring(1).split("/", -1);
        if (segments.length == 4 && segments[0].equals("scenarios") && segments[2].equals("challenges")) {
            throw HuntRequestException.notFound("Answers go to POST /api/hunt/scenarios/" + segments[1] + "/challenges/"
                    + segments[3] + "/answer with a JSON body {\"answer\": \"...\"}.");
        }
        if (segments.length == 5 && segments[0].equals("scenarios") && segments[2].equals("challenges")
                && segments[4].equals("answer")) {
            JsonEndpoint.requireMethod(exchange, Methods.POST);
            parameters.requireOnly(Set.of());
            return challenges.judge(segments[1], segments[3], readAnswer(exchange));
        }
        JsonEndpoint.requireMethod(exchange, Methods.GET);
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

    private static String readAnswer(HttpServerExchange exchange) throws IOException {
        JsonNode answer = JsonEndpoint.readObject(exchange).path("answer");
        if (!answer.isTextual()) {
            throw HuntRequestException.badParameter("answer", "The body must be a JSON object with a text field 'answer'.");
        }
        return answer.asText();
    }
}
