package io.helklab.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.config.SparkClusterConfig;
import io.helklab.service.Service;
import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An existing Spark standalone master, standing in for local mode in the service group: Spark's driver depends on
 * it, so an unreachable master fails the start before any Spark context exists (Spark itself would retry for a
 * minute and then stop its context on its own).
 *
 * <p>Ready when one of the URL's masters accepts a connection. Health asks the master's web UI ({@code /json/}) for
 * its state and alive workers, with short timeouts; a master whose UI cannot be read is still up, with the reason,
 * and one without alive workers is degraded, since queries then wait for executors. Holds no threads; closing
 * leaves the cluster running.
 */
public final class ExternalSparkMaster implements Service {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration UI_TIMEOUT = Duration.ofSeconds(2);

    private final SparkClusterConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(UI_TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();
    private volatile ServiceStatus status = ServiceStatus.STARTING;
    private volatile String reachable;

    public ExternalSparkMaster(SparkClusterConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "spark-master";
    }

    @Override
    public void start() throws IOException {
        List<String> failures = new ArrayList<>();
        for (SparkClusterConfig.Endpoint endpoint : config.endpoints()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) CONNECT_TIMEOUT.toMillis());
                reachable = endpoint.toString();
                status = ServiceStatus.UP;
                return;
            } catch (IOException unreachable) {
                failures.add(endpoint + " (" + unreachable.getMessage() + ")");
            }
        }
        status = ServiceStatus.DOWN;
        throw new IOException("the Spark master " + config.master() + " is unreachable: " + String.join(", ", failures)
                + ". Start the master, or correct " + SparkClusterConfig.FLAG + " (spark://HOST:PORT, usually port 7077); "
                + "leave it out to run Spark inside HELK lab");
    }

    @Override
    public ServiceHealth health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", "external");
        details.put("master", config.master());
        details.put("web UI", config.webUi().toString());
        if (status != ServiceStatus.UP) {
            return new ServiceHealth(status, reachable, details);
        }
        try {
            JsonNode state = masterState();
            int aliveWorkers = state.path("aliveworkers").asInt(0);
            details.put("state", state.path("status").asText("unknown"));
            details.put("alive workers", aliveWorkers);
            details.put("cores", state.path("cores").asInt(0));
            details.put("cores used", state.path("coresused").asInt(0));
            if (aliveWorkers == 0) {
                details.put(ServiceHealth.DEGRADED, "the Spark master has no alive workers: queries wait until one registers");
            }
        } catch (IOException | RuntimeException unreadable) {
            details.put("state", "unknown: " + config.webUi() + "/json/ could not be read (" + unreadable.getMessage()
                    + "); pass --spark-master-ui with the master's web UI");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            details.put("state", "unknown: interrupted");
        }
        return new ServiceHealth(ServiceStatus.UP, reachable, details);
    }

    /** The master's own report: status, workers, cores, applications. */
    public JsonNode masterState() throws IOException, InterruptedException {
        URI uri = URI.create(config.webUi().toString().replaceAll("/+$", "") + "/json/");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(UI_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + uri);
        }
        return json.readTree(response.body());
    }

    /** The cluster's settings. */
    public SparkClusterConfig config() {
        return config;
    }

    @Override
    public void close() {
        status = ServiceStatus.DOWN;
    }
}
