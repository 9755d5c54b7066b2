package io.helklab.door.hunt;

import io.helklab.door.FrontDoor;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.encoding.ContentEncodingRepository;
import io.undertow.server.handlers.encoding.EncodingHandler;
import io.undertow.server.handlers.encoding.GzipEncodingProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Wires the hunt UI and its REST API for a front door. Build one with the Elasticsearch URL
 * ({@code HelkLab.elasticsearchUrl()}), then either {@link #install} both, or mount {@link #api()} and
 * {@link #ui()} where the launcher wants them. Holds no resources that need closing.
 */
public final class HuntRoutes {
    /** Where the REST API lives; the UI calls it with absolute paths. */
    public static final String API_PREFIX = "/api/hunt";

    private final HttpHandler api;
    private final HttpHandler ui;

    private HuntRoutes(HttpHandler api, HttpHandler ui) {
        this.api = api;
        this.ui = ui;
    }

    /** The API over Elasticsearch at {@code elasticsearchUrl}, with the bundled sample scenarios as challenges. */
    public static HuntRoutes create(String elasticsearchUrl) {
        return create(elasticsearchUrl, SampleCatalog.builtIn(), Clock.systemUTC());
    }

    public static HuntRoutes create(String elasticsearchUrl, List<Scenario> scenarios, Clock clock) {
        return create(elasticsearchUrl, scenarios, clock, null);
    }

    /** As above, also listing the user's dashboard files in {@code userDashboards} (the home's {@code dashboards/}). */
    public static HuntRoutes create(String elasticsearchUrl, Path userDashboards) {
        return create(elasticsearchUrl, SampleCatalog.builtIn(), Clock.systemUTC(), userDashboards);
    }

    public static HuntRoutes create(String elasticsearchUrl, List<Scenario> scenarios, Clock clock, Path userDashboards) {
        HuntElasticsearch elasticsearch = new HuntElasticsearch(elasticsearchUrl);
        FieldCatalog catalog = new FieldCatalog(elasticsearch, clock);
        ScenarioChallenges challenges = new ScenarioChallenges(scenarios);
        HttpHandler api = HuntEndpoints.around(new HuntApi(new HuntSearch(elasticsearch, catalog, clock),
                new ProcessTrees(elasticsearch, catalog), challenges), elasticsearch, catalog, challenges, clock, userDashboards);
        HttpHandler compressed = new EncodingHandler(new ContentEncodingRepository()
                .addEncodingHandler("gzip", new GzipEncodingProvider(), 50))
                .setNext(new UiResources());
        return new HuntRoutes(FrontDoor.blocking(api), FrontDoor.blocking(compressed));
    }

    /** The REST API handler, to mount at {@link #API_PREFIX}. */
    public HttpHandler api() {
        return api;
    }

    /** The UI handler, to mount at {@code /} (or any prefix: the page uses relative asset URLs). */
    public HttpHandler ui() {
        return ui;
    }

    /** Mounts the API at {@code /api/hunt} and the UI at {@code uiPrefix} (e.g. {@code /}). */
    public FrontDoor install(FrontDoor door, String uiPrefix) {
        return door.route(API_PREFIX, api).route(uiPrefix, ui);
    }
}
