package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import io.helklab.door.hunt.AlertStates.State;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/hunt/alerts}: {@code GET /?q&from&to&filter&state&offset&size} a page of alerts with counts per
 * state, histogram and groupings; {@code GET /techniques?q&from&to&filter} alerts per ATT&CK technique;
 * {@code POST /state} with {@code {"ids": [...], "state": "acknowledged"}} acknowledges, closes or reopens alerts.
 */
final class AlertsApi implements JsonEndpoint.Route {
    private static final Set<String> SCOPE = Set.of("q", "from", "to", "filter");

    private final AlertSearch search;
    private final AlertStates states;
    private final Clock clock;

    AlertsApi(AlertSearch search, AlertStates states, Clock clock) {
        this.search = search;
        this.states = states;
        this.clock = clock;
    }

    @Override
    public Object answer(HttpServerExchange exchange, String path, Parameters parameters) throws IOException {
        switch (path) {
            case "/" -> {
                JsonEndpoint.requireMethod(exchange, Methods.GET);
                Set<String> known = new HashSet<>(SCOPE);
                known.addAll(Set.of("state", "offset", "size"));
                parameters.requireOnly(known);
                String state = parameters.text("state", "all", 20);
                int size = parameters.integer("size", 50, 0, SearchRequest.MAXIMUM_SIZE);
                int offset = parameters.integer("offset", 0, 0, SearchRequest.MAXIMUM_WINDOW - size);
                return search.search(new AlertSearch.Request(query(parameters), filters(parameters), range(parameters),
                        state.equals("all") ? null : State.parse(state, "state"), offset, size));
            }
            case "/techniques" -> {
                JsonEndpoint.requireMethod(exchange, Methods.GET);
                parameters.requireOnly(SCOPE);
                return search.techniques(query(parameters), filters(parameters), range(parameters));
            }
            case "/state" -> {
                JsonEndpoint.requireMethod(exchange, Methods.POST);
                parameters.requireOnly(Set.of());
                JsonNode body = JsonEndpoint.readObject(exchange);
                JsonNode ids = body.path("ids");
                if (!ids.isArray()) {
                    throw HuntRequestException.badParameter("ids", "The body needs 'ids', a list of alert ids.");
                }
                Set<String> alertIds = new LinkedHashSet<>();
                ids.forEach(id -> alertIds.add(id.asText("")));
                State state = State.parse(body.path("state").asText(""), "state");
                return Map.of("changed", states.set(new ArrayList<>(alertIds), state));
            }
            default -> throw HuntRequestException.notFound("No alerts API at " + path + ". Use GET /api/hunt/alerts, "
                    + "GET /api/hunt/alerts/techniques or POST /api/hunt/alerts/state.");
        }
    }

    private static String query(Parameters parameters) {
        return parameters.text("q", "", 10_000).trim();
    }

    private static List<SearchRequest.FieldFilter> filters(Parameters parameters) {
        return parameters.list("filter", false, 50, 10_000).stream().map(SearchRequest.FieldFilter::parse).toList();
    }

    private TimeRange range(Parameters parameters) {
        return TimeRange.parse(parameters.text("from", null, 64), parameters.text("to", null, 64), clock.instant());
    }
}
