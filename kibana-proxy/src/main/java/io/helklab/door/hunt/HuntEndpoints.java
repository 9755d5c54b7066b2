package io.helklab.door.hunt;

import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The hunt API's views beyond Search and the process tree, each in its own class and mounted here under
 * {@code /api/hunt}: {@code /dashboards}, {@code /saved-searches}, {@code /export} (CSV), {@code /workshop} and
 * {@code /alerts}.
 * Everything else falls through to {@link HuntApi}. New views (alerts, rules) mount the same way.
 */
final class HuntEndpoints {
    private HuntEndpoints() {}

    /**
     * @param userDashboards the directory of users' dashboard files, or {@code null} for built-ins only
     */
    static HttpHandler around(HttpHandler huntApi, HuntElasticsearch elasticsearch, FieldCatalog catalog,
                              ScenarioChallenges challenges, Clock clock, Path userDashboards) {
        return new PathHandler(huntApi)
                .addPrefixPath("/dashboards", new JsonEndpoint(new DashboardApi(new DashboardCatalog(userDashboards),
                        new DashboardData(elasticsearch, catalog), clock)))
                .addPrefixPath("/saved-searches", new JsonEndpoint(new SavedSearchApi(new SavedSearches(elasticsearch))))
                .addPrefixPath("/export", new JsonEndpoint(new ExportApi(new CsvExport(elasticsearch, catalog), clock)))
                .addPrefixPath("/workshop", new JsonEndpoint(new WorkshopApi(
                        new WorkshopProgress(elasticsearch, challenges, clock))))
                .addPrefixPath("/alerts", alerts(elasticsearch, catalog, clock));
    }

    private static HttpHandler alerts(HuntElasticsearch elasticsearch, FieldCatalog catalog, Clock clock) {
        AlertStates states = new AlertStates(elasticsearch, clock);
        return new JsonEndpoint(new AlertsApi(new AlertSearch(elasticsearch, catalog, states), states, clock));
    }
}
