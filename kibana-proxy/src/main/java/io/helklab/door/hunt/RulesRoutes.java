package io.helklab.door.hunt;

import io.helklab.detection.live.BackTest;
import io.helklab.detection.live.DetectionService;
import io.helklab.door.FrontDoor;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.undertow.server.HttpHandler;

/** Mounts the rules API ({@link #PREFIX}) of a detection service on a front door. Holds nothing to close. */
public final class RulesRoutes {
    /** Where the rules API lives. */
    public static final String PREFIX = "/api/rules";

    private RulesRoutes() {
    }

    /** The rules API over this detection service, back-testing against Elasticsearch at {@code elasticsearchUrl}. */
    public static HttpHandler api(DetectionService detection, String elasticsearchUrl) {
        BackTest backTest = new BackTest(new ElasticsearchHttp(elasticsearchUrl));
        return FrontDoor.blocking(new JsonEndpoint(new RulesApi(detection, backTest)));
    }

    /** Mounts {@link #api} at {@link #PREFIX}. */
    public static FrontDoor install(FrontDoor door, DetectionService detection, String elasticsearchUrl) {
        return door.route(PREFIX, api(detection, elasticsearchUrl));
    }
}
