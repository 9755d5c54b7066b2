package io.helklab.door.hunt;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/hunt/dashboards}: {@code GET /} lists every dashboard (a broken file with its reason),
 * {@code GET /{id}} gives one's declaration, {@code GET /{id}/data?from&to&q&filter&<parameter>=value}
 * its panels' numbers.
 */
final class DashboardApi implements JsonEndpoint.Route {
    private final DashboardCatalog dashboards;
    private final DashboardData data;
    private final Clock clock;

    DashboardApi(DashboardCatalog dashboards, DashboardData data, Clock clock) {
        this.dashboards = dashboards;
        this.data = data;
        this.clock = clock;
    }

    @Override
    public Object answer(HttpServerExchange exchange, String path, Parameters parameters) {
        JsonEndpoint.requireMethod(exchange, Methods.GET);
        String[] segments = path.substring(1).split("/", -1);
        if (path.equals("/")) {
            parameters.requireOnly(Set.of());
            List<Map<String, Object>> listed = new ArrayList<>();
            for (DashboardCatalog.Entry entry : dashboards.list()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", entry.id());
                item.put("source", entry.source());
                item.put("builtIn", entry.builtIn());
                item.put("error", entry.error());
                if (entry.dashboard() != null) {
                    item.put("title", entry.dashboard().title());
                    item.put("description", entry.dashboard().description());
                    item.put("parameters", entry.dashboard().parameters());
                    item.put("panels", entry.dashboard().panels().size());
                }
                listed.add(item);
            }
            return Map.of("dashboards", listed);
        }
        if (segments.length == 1) {
            parameters.requireOnly(Set.of());
            return dashboards.get(segments[0]);
        }
        if (segments.length == 2 && segments[1].equals("data")) {
            DashboardDefinition dashboard = dashboards.get(segments[0]);
            Set<String> known = new HashSet<>(Set.of("from", "to", "q", "filter"));
            dashboard.parameters().forEach(parameter -> known.add(parameter.name()));
            parameters.requireOnly(known);
            Map<String, String> values = new LinkedHashMap<>();
            for (DashboardDefinition.Parameter parameter : dashboard.parameters()) {
                values.put(parameter.name(), parameters.text(parameter.name(), "", 1000));
            }
            TimeRange range = TimeRange.parse(parameters.text("from", null, 64), parameters.text("to", null, 64),
                    clock.instant());
            List<SearchRequest.FieldFilter> filters = parameters.list("filter", false, 50, 10_000).stream()
                    .map(SearchRequest.FieldFilter::parse).toList();
            return data.compute(dashboard, new DashboardData.Scope(parameters.text("q", "", 10_000), filters, range, values));
        }
        throw HuntRequestException.notFound("No dashboard API at " + path + ". Use /api/hunt/dashboards, "
                + "/api/hunt/dashboards/{id} or /api/hunt/dashboards/{id}/data.");
    }
}
