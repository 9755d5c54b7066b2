package io.helklab.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.helklab.config.ExternalElasticsearchConfig;
import io.helklab.service.Service;
import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import io.helklab.service.StartSignal;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An existing Elasticsearch cluster standing in for the embedded node: the service {@code elasticsearch} of the
 * group, started by checking the cluster rather than by running one.
 *
 * <p>Start asks each URL in turn for {@code GET /} and the cluster's health, and fails with the flag to fix when no
 * URL answers, the credentials are refused (401/403) or the cluster is red; nothing is written to a cluster that
 * failed the check. The first URL that answered becomes {@link #httpUrl()}. While started, the
 * {@link ElasticsearchConnection} is registered for its URLs, so HTTP clients built from them authenticate. Health
 * asks for the cluster's health with a short timeout. Thread-safe.
 */
public final class ExternalElasticsearch implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalElasticsearch.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final ElasticsearchConnection connection;
    private final StartSignal started = new StartSignal("Elasticsearch");
    private volatile String httpUrl;
    private volatile String version;
    private volatile ServiceStatus status = ServiceStatus.STARTING;

    public ExternalElasticsearch(ExternalElasticsearchConfig config) {
        this.connection = ElasticsearchConnection.of(config);
    }

    @Override
    public String name() {
        return "elasticsearch";
    }

    @Override
    public void start() throws Exception {
        started.failOn(this::attach);
        status = ServiceStatus.UP;
        started.started();
    }

    private void attach() throws InterruptedException {
        connection.register();
        List<String> unreachable = new ArrayList<>();
        for (String url : connection.urls()) {
            ElasticsearchHttp http = new ElasticsearchHttp(url, PROBE_TIMEOUT);
            ElasticsearchHttp.Response root;
            try {
                root = http.get("/");
            } catch (IOException failure) {
                unreachable.add(url + " (" + describe(failure) + ")");
                continue;
            }
            if (root.status() == 401 || root.status() == 403) {
                throw new IllegalArgumentException("Elasticsearch at " + url + " refused "
                        + (connection.authenticated() ? "the credentials" : "a request without credentials") + " ("
                        + root.status() + "). Check --elasticsearch-user and --elasticsearch-password-file (or "
                        + ExternalElasticsearchConfig.ELASTICSEARCH_PASSWORD_VARIABLE + "), or --elasticsearch-api-key-file");
            }
            if (!root.ok() || root.body() == null || !root.body().path("version").has("number")) {
                unreachable.add(url + " (answered " + root.status() + " to GET /, which is not Elasticsearch's answer)");
                continue;
            }
            version = root.body().path("version").path("number").asText();
            checkHealth(url, http);
            httpUrl = url;
            LOG.info("attached to Elasticsearch {} at {} ({})", version, url, connection);
            return;
        }
        throw new IllegalArgumentException("no Elasticsearch answered at --elasticsearch " + String.join(", ", unreachable)
                + ". Check the URLs (scheme, host, port) and that the cluster is running; for https pass --elasticsearch-ca");
    }

    private static void checkHealth(String url, ElasticsearchHttp http) throws InterruptedException {
        ElasticsearchHttp.Response health;
        try {
            health = http.get("/_cluster/health?wait_for_status=yellow&timeout=5s");
        } catch (IOException failure) {
            throw new IllegalArgumentException("Elasticsearch at " + url + " did not report its health (" + describe(failure)
                    + "); check --elasticsearch", failure);
        }
        String cluster = health.body() == null ? "unknown" : health.body().path("status").asText("unknown");
        if (cluster.equals("red")) {
            throw new IllegalArgumentException("the Elasticsearch cluster at --elasticsearch " + url + " is red ("
                    + health.body().path("unassigned_shards").asInt() + " unassigned shards): some of its data is "
                    + "unavailable. Repair it first (GET _cluster/allocation/explain says why), then start HELK lab again");
        }
        if (!health.ok() && health.status() != 408) {
            throw new IllegalArgumentException("Elasticsearch at " + url + " answered " + health.status()
                    + " to GET _cluster/health: " + health.body() + "; the user of --elasticsearch-user needs the "
                    + "cluster privilege monitor");
        }
    }

    private static String describe(IOException failure) {
        if (failure instanceof HttpTimeoutException) {
            return "no answer within " + PROBE_TIMEOUT.toSeconds() + " s";
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * Waits until the cluster passed its start check, for a service that starts alongside it (the indexer).
     *
     * @throws IllegalStateException if the check failed, the service was stopped, or it is still checking after
     *                               {@code timeout}
     */
    public void awaitStarted(Duration timeout) {
        started.await(timeout);
    }

    /** The cluster's URL that answered first, e.g. {@code https://es1:9200}. */
    public String httpUrl() {
        String url = httpUrl;
        if (url == null) {
            throw new IllegalStateException("Elasticsearch is not attached");
        }
        return url;
    }

    /** How to reach the cluster, credentials included. */
    public ElasticsearchConnection connection() {
        return connection;
    }

    @Override
    public ServiceHealth health() {
        String url = httpUrl;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", "external");
        details.put("urls", connection.urls());
        if (status != ServiceStatus.UP || url == null) {
            return new ServiceHealth(status, url, details);
        }
        try {
            JsonNode health = new ElasticsearchHttp(url, Duration.ofSeconds(2)).get("/_cluster/health").body();
            String cluster = health == null ? "unknown" : health.path("status").asText("unknown");
            details.put("cluster", cluster);
            details.put("nodes", health == null ? 0 : health.path("number_of_nodes").asInt());
            details.put("version", version);
            if (cluster.equals("yellow")) {
                details.put(ServiceHealth.DEGRADED, "the cluster is yellow: some replicas are unassigned");
            }
            return new ServiceHealth(cluster.equals("red") || cluster.equals("unknown") ? ServiceStatus.DOWN : ServiceStatus.UP,
                    url, details);
        } catch (IOException unavailable) {
            details.put("error", describe(unavailable));
            return new ServiceHealth(ServiceStatus.DOWN, url, details);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new ServiceHealth(ServiceStatus.DOWN, url, details);
        }
    }

    @Override
    public void close() {
        status = ServiceStatus.DOWN;
        started.stopped();
        connection.unregister();
    }
}
