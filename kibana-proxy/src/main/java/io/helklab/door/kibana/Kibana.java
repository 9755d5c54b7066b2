package io.helklab.door.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.door.process.ChildProcessSpec;
import io.helklab.door.process.FreePort;
import io.helklab.door.process.ReadinessProbe;
import io.helklab.door.process.Supervisor;
import io.helklab.service.Service;
import io.helklab.service.ServiceHealth;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kibana OSS as a supervised child process, served by the front door at {@code /kibana/}.
 *
 * <p>{@link #start()} writes {@code kibana.yml} and launches Kibana without waiting (it needs a
 * minute or more); once Kibana's status API reports green, HELK lab's index patterns and dashboard
 * are installed through the saved-objects API, again after every restart. Without an installation
 * it reports {@code not installed}. Lifecycle and threading are those of {@link Supervisor}.
 */
public final class Kibana implements Service {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KibanaSettings settings;
    private final int port;
    private final Supervisor supervisor;

    private Kibana(KibanaSettings settings, int port, Supervisor supervisor) {
        this.settings = settings;
        this.port = port;
        this.supervisor = supervisor;
    }

    /** A Kibana for an installation, or one reporting {@code not installed} when {@code settings} is null or incomplete. */
    public static Kibana create(KibanaSettings settings) {
        if (settings == null) {
            return new Kibana(null, 0, Supervisor.notInstalled("kibana", KibanaSettings.INSTALL_HINT));
        }
        if (!Files.isExecutable(settings.executable())) {
            return new Kibana(null, 0, Supervisor.notInstalled("kibana", "--kibana-home " + settings.installation()
                    + " holds no bin/kibana; point it at an unpacked Kibana OSS " + KibanaSettings.VERSION + ". "
                    + KibanaSettings.INSTALL_HINT));
        }
        int port = FreePort.pick();
        URI base = URI.create("http://127.0.0.1:" + port + KibanaSettings.BASE_PATH);
        ChildProcessSpec spec = ChildProcessSpec.of("kibana",
                        List.of(settings.executable().toString(), "--config", settings.configFile().toString()),
                        settings.installation(), settings.layout().logs().resolve("kibana.log"))
                .withEnvironment(Map.of("KBN_PATH_CONF", settings.configDirectory().toString()))
                .withReadiness("127.0.0.1:" + port, ReadinessProbe.http(URI.create(base + "/api/status"), Kibana::green),
                        Duration.ofMinutes(5))
                .withStopGrace(Duration.ofSeconds(10))
                .withOnReady(() -> installSavedObjects(base));
        return new Kibana(settings, port, new Supervisor(spec));
    }

    /** Whether a {@code GET /api/status} body says the overall state is green. */
    static boolean green(String statusBody) {
        try {
            JsonNode status = JSON.readTree(statusBody);
            return "green".equals(status.path("status").path("overall").path("state").asText());
        } catch (IOException notJson) {
            return false;
        }
    }

    /** Installs HELK lab's saved objects into the Kibana at {@code base} ({@code http://host:port/kibana}). */
    static void installSavedObjects(URI base) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        post(client, URI.create(base + "/api/saved_objects/_bulk_create?overwrite=true"), KibanaSavedObjects.bulkCreateBody(),
                "installing the index patterns and the dashboard");
        post(client, URI.create(base + "/api/kibana/settings"), KibanaSavedObjects.defaultIndexBody(),
                "setting the default index pattern");
    }

    private static void post(HttpClient client, URI uri, String body, String what) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("kbn-xsrf", "helk-lab")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Kibana answered " + response.statusCode() + " to " + what + " (POST " + uri + "): "
                    + response.body());
        }
        for (JsonNode object : JSON.readTree(response.body()).path("saved_objects")) {
            if (object.has("error")) {
                throw new IOException("Kibana refused saved object " + object.path("type").asText() + "/"
                        + object.path("id").asText() + " while " + what + ": " + object.get("error"));
            }
        }
    }

    @Override
    public String name() {
        return "kibana";
    }

    @Override
    public void start() throws IOException {
        if (supervisor.installed()) {
            Files.createDirectories(settings.configDirectory());
            Files.createDirectories(settings.dataDirectory());
            Path file = settings.configFile();
            Files.writeString(file, settings.kibanaYaml(port), StandardCharsets.UTF_8);
        }
        supervisor.start();
    }

    @Override
    public ServiceHealth health() {
        return supervisor.health();
    }

    /** Where the door forwards requests; empty when not installed. */
    public Optional<URI> target() {
        return supervisor.installed() ? Optional.of(URI.create("http://127.0.0.1:" + port)) : Optional.empty();
    }

    public Supervisor supervisor() {
        return supervisor;
    }

    @Override
    public void close() {
        supervisor.close();
    }
}
