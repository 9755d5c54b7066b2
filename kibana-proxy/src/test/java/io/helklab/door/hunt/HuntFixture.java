package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.HelkLab;
import io.helklab.config.Component;
import io.helklab.config.HelkLabConfig;
import io.helklab.door.DoorContribution;
import io.helklab.door.DoorSettings;
import io.helklab.door.FrontDoor;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import io.helklab.scenarios.SampleLoader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A real appliance (Kafka, Elasticsearch, the indexer with the detection service) with the door's part of the product
 * (a door on 127.0.0.1 with the hunt API and UI and the rules API, no Jupyter or Kibana) and the given scenarios
 * loaded through the sample loader. Besides the built-in pack, the detection service reads a rules directory holding
 * {@link #UNSUPPORTED_RULE_FILE} (a rule the engine cannot run) and the IOC list {@link #IOC_FILE} (an indicator no
 * sample event has), so the rules views have every kind of entry to show. One per test JVM, shared by the hunt
 * integration tests, closed when the JVM exits.
 */
final class HuntFixture {
    static final String SCENARIO = "lsass-credential-dumping";
    /** A rule for Sysmon's file_access category, which no Sysmon event id serves: loaded as unsupported. */
    static final String UNSUPPORTED_RULE_FILE = "file_access_sam_read.yml";
    static final String UNSUPPORTED_RULE_ID = "9a3f5c2e-1b7d-4e60-8c4a-2f6d8e0b1c37";
    /** The line the engine reports for the unsupported rule: where its logsource's mapping starts. */
    static final int UNSUPPORTED_RULE_LINE = 5;
    static final String IOC_FILE = "hunt-fixture-iocs.txt";
    private static final String UNSUPPORTED_RULE = """
            title: SAM hive read by a non-system process
            id: 9a3f5c2e-1b7d-4e60-8c4a-2f6d8e0b1c37
            status: experimental
            logsource:
                product: windows
                category: file_access
            detection:
                selection:
                    TargetFilename|endswith: '\\config\\SAM'
                condition: selection
            level: medium
            """;
    private static final Duration INGEST_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static HuntFixture shared;

    final HelkLab lab;
    final FrontDoor door;

    private HuntFixture(HelkLab lab, FrontDoor door) {
        this.lab = lab;
        this.door = door;
    }

    static synchronized HuntFixture get() {
        if (shared == null) {
            shared = start(List.of(SampleCatalog.find(SCENARIO)));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "hunt-fixture-shutdown"));
        }
        return shared;
    }

    /** Starts an appliance with the door's hunt UI, replays {@code scenarios} and waits until every event is searchable. */
    static HuntFixture start(List<Scenario> scenarios) {
        Path home;
        try {
            home = Files.createTempDirectory("helk-lab-hunt-");
        } catch (IOException failure) {
            throw new IllegalStateException("could not create a temporary appliance home", failure);
        }
        HelkLabConfig config = HelkLabConfig.ephemeral(home).withComponents(Set.of(Component.INDEXER));
        try {
            Path rules = Files.createDirectories(home.resolve("fixture-rules"));
            Files.writeString(rules.resolve(UNSUPPORTED_RULE_FILE), UNSUPPORTED_RULE);
            Path iocs = Files.writeString(home.resolve(IOC_FILE), "# no sample event has this hash\n"
                    + "0123456789abcdef0123456789abcdef\n");
            config = config.withDetection(config.detection().withRuleDirectories(List.of(rules))
                    .withIocFiles(List.of(iocs)));
        } catch (IOException failure) {
            throw new IllegalStateException("could not write the fixture's rules under " + home, failure);
        }
        DoorContribution parts = new DoorContribution(DoorSettings.loopback().withChildServices(false));
        HelkLab lab = HelkLab.create(config).with(parts).start();
        try {
            SampleLoader.Loaded loaded = new SampleLoader(lab.kafkaBootstrapServers()).loadAndAwait(scenarios, 0,
                    new ElasticsearchHttp(lab.elasticsearchUrl()), INGEST_TIMEOUT, count -> { }, count -> { });
            if (!loaded.complete()) {
                throw new AssertionError("Elasticsearch counted " + loaded.searchable() + " of " + loaded.expected()
                        + " events after " + INGEST_TIMEOUT + "; indexer: " + lab.health().get("indexer")
                        + "; see target/test.log for the indexer's log");
            }
            return new HuntFixture(lab, parts.door());
        } catch (IOException | InterruptedException failure) {
            lab.close();
            throw new IllegalStateException("loading " + scenarios.size() + " scenarios into the hunt fixture failed", failure);
        } catch (RuntimeException | Error failure) {
            lab.close();
            throw failure;
        }
    }

    /** The front door's base URL, ending in {@code /}. */
    String url() {
        return door.url();
    }

    record Response(int status, JsonNode body, Map<String, List<String>> headers) {}

    static Response get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    static Response post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException notJson) {
                body = JSON.getNodeFactory().textNode(response.body());
            }
            return new Response(response.statusCode(), body, response.headers().map());
        } catch (IOException failure) {
            throw new IllegalStateException("HTTP request failed", failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    void close() {
        lab.close();
    }
}
