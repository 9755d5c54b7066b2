package io.helklab.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.HelkLab;
import io.helklab.config.Component;
import io.helklab.config.HelkLabConfig;
import io.helklab.door.DoorContribution;
import io.helklab.door.DoorSettings;
import io.helklab.door.hunt.DashboardCatalog;
import io.helklab.door.hunt.HuntIndices;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.home.Directories;
import io.helklab.samples.SampleCatalog;
import io.helklab.scenarios.SampleLoader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times hunt API calls end to end (HTTP through the front door, Elasticsearch, JSON back) over every bundled
 * scenario (about 107,000 events) and prints the median and 90th percentile of each: searches, the process
 * tree, every built-in dashboard's data, the Alerts and ATT&CK views and a CSV export of 100,000 rows. Starts its
 * own appliance (Kafka, Elasticsearch, the indexer and the door, no Jupyter or Kibana) on a temporary home.
 */
@Command(name = "hunt-search", mixinStandardHelpOptions = true,
        description = "Hunt UI searches, every built-in dashboard's data and a 100,000-row CSV export over the full sample set, median and p90.")
public final class HuntSearchBenchmark implements Callable<Integer> {
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(15);

    @Option(names = "--rounds", defaultValue = "30", description = "Timed calls of each kind (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        Path home = Files.createTempDirectory("helk-lab-hunt-bench-");
        DoorContribution door = new DoorContribution(DoorSettings.loopback().withChildServices(false));
        long loadStarted = System.nanoTime();
        try (HelkLab lab = HelkLab.create(HelkLabConfig.ephemeral(home).withComponents(Set.of(Component.INDEXER)))
                .with(door).start()) {
            ElasticsearchHttp elasticsearch = new ElasticsearchHttp(lab.elasticsearchUrl());
            SampleLoader.Loaded loaded = new SampleLoader(lab.kafkaBootstrapServers()).loadAndAwait(SampleCatalog.builtIn(), 0,
                    elasticsearch, LOAD_TIMEOUT, count -> { }, count -> { });
            if (!loaded.complete()) {
                throw new IllegalStateException("only " + loaded.searchable() + " of " + loaded.expected()
                        + " sample events became searchable within " + LOAD_TIMEOUT.toMinutes() + " minutes");
            }
            String doorUrl = door.door().url();
            ElasticsearchHttp huntApi = new ElasticsearchHttp(doorUrl + "api/hunt");
            long total = check(huntApi, "/search?size=0&histogram=false").path("total").asLong();
            System.out.printf("loaded %,d events from %d scenarios in %.1f s%n", total, SampleCatalog.builtIn().size(),
                    (System.nanoTime() - loadStarted) / 1e9);
            System.out.printf("alerts: %,d%n", seedAlertsUnlessThereAreSome(elasticsearch));
            for (Map.Entry<String, String> call : calls().entrySet()) {
                for (int warmUp = 0; warmUp < 5; warmUp++) {
                    check(huntApi, call.getValue().replace("{round}", Integer.toString(1_000 + warmUp)));
                }
                List<Double> millis = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    String path = call.getValue().replace("{round}", Integer.toString(round));
                    long started = System.nanoTime();
                    check(huntApi, path);
                    millis.add((System.nanoTime() - started) / 1e6);
                }
                Collections.sort(millis);
                System.out.printf("%-44s median %6.1f ms   p90 %6.1f ms%n", call.getKey(), millis.get(millis.size() / 2),
                        millis.get((int) (millis.size() * 0.9)));
            }
            timeExport(doorUrl + "api/hunt/export?rows=100000&columns=host_name,event_id,process_name,"
                    + "process_command_line,user_name", Math.max(3, rounds / 5));
        } finally {
            Directories.deleteRecursively(home);
        }
        return 0;
    }

    /** What is timed, by label: paths under {@code /api/hunt}; {@code {round}} differs every call. */
    private static Map<String, String> calls() {
        Map<String, String> calls = new LinkedHashMap<>();
        calls.put("all events, 50 hits, histogram", "/search");
        calls.put("all events + top values of 5 fields", "/search?top=host_name,event_id,process_name,user_name,_index");
        calls.put("Lucene query, histogram", "/search?q=" + URLEncoder.encode(
                "process_name:powershell.exe AND event_id:1", StandardCharsets.UTF_8));
        calls.put("wildcard in command lines", "/search?q=" + URLEncoder.encode("process_command_line:*lsass*",
                StandardCharsets.UTF_8));
        calls.put("filter + negated filter, 500 hits", "/search?size=500&filter=event_id:3&filter=-host_name:dc01.helk.lab");
        calls.put("process tree of a workstation (9 days)", "/process-tree?host=WKS02.helk.lab");
        for (DashboardCatalog.Entry dashboard : new DashboardCatalog(null).list()) {
            String parameters = switch (dashboard.id()) {
                case "host-investigation" -> "?host=wks02.helk.lab";
                case "user-investigation" -> "?user=bchen";
                case "process-investigation" -> "?process=powershell.exe";
                default -> "";
            };
            calls.put("dashboard " + dashboard.id(), "/dashboards/" + dashboard.id() + "/data" + parameters);
            // A start of the range that differs every round (in epoch milliseconds, before every event) defeats
            // Elasticsearch's request cache, as the first view after new events arrive does.
            calls.put("dashboard " + dashboard.id() + ", uncached", "/dashboards/" + dashboard.id() + "/data"
                    + parameters + (parameters.isEmpty() ? "?" : "&") + "from={round}");
        }
        calls.put("alerts view, open alerts", "/alerts?state=open");
        calls.put("alerts view, every state", "/alerts?state=all");
        calls.put("alerts view, one host, level high", "/alerts?state=all&q=rule_level:high&filter=host_name:wks02.helk.lab");
        calls.put("alerts view, uncached", "/alerts?state=all&from={round}");
        calls.put("alerts per ATT&CK technique", "/alerts/techniques");
        return calls;
    }

    /**
     * Without the detection engine's alerts, writes some: every process creation, LSASS access and registry change
     * of the samples becomes an alert in its day's {@code alerts-} index, so the
     * alerts view is timed over alerts that reference real events.
     */
    private static long seedAlertsUnlessThereAreSome(ElasticsearchHttp elasticsearch) throws IOException, InterruptedException {
        long existing = elasticsearch.count(HuntIndices.ALERTS, null);
        if (existing > 0) {
            return existing;
        }
        String reindex = """
                {"source": {"index": "%s", "query": {"query_string": {"query": "event_id:(1 OR 10 OR 13)"}}},
                 "dest": {"index": "alerts-seed"},
                 "script": {"lang": "painless", "source": "String level = ctx._source.event_id == 10 ? 'high' : ctx._source.event_id == 13 ? 'medium' : 'low'; ctx._source.rule_id = 'benchmark-' + ctx._source.event_id; ctx._source.rule_title = 'Benchmark rule for event ' + ctx._source.event_id; ctx._source.rule_level = level; ctx._source.attack_technique_ids = ctx._source.event_id == 10 ? ['T1003.001'] : ctx._source.event_id == 13 ? ['T1547.001'] : ['T1059.001']; ctx._source.attack_tactics = ['execution']; ctx._source.event_doc_index = ctx._index; ctx._source.event_doc_id = ctx._id; ctx._source.remove('event_original_message'); ctx._index = 'alerts-' + ctx._source['@timestamp'].substring(0, 10).replace('-', '.');"}}
                """.formatted(HuntIndices.SYSMON);
        ElasticsearchHttp.Response answer = elasticsearch.post("/_reindex?refresh=true", new ObjectMapper().readTree(reindex));
        if (!answer.ok()) {
            throw new IllegalStateException("seeding alerts failed: " + answer.status() + " " + answer.body());
        }
        return elasticsearch.count(HuntIndices.ALERTS, null);
    }

    /** Times the CSV export end to end, reading every byte, and checks it delivered the rows asked for. */
    private static void timeExport(String url, int rounds) {
        HttpClient client = HttpClient.newHttpClient();
        List<Double> millis = new ArrayList<>();
        long lines = 0;
        long bytes = 0;
        for (int round = 0; round < rounds + 1; round++) {
            long started = System.nanoTime();
            lines = 0;
            bytes = 0;
            try (InputStream body = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream()).body()) {
                byte[] buffer = new byte[64 * 1024];
                for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                    bytes += read;
                    for (int position = 0; position < read; position++) {
                        if (buffer[position] == '\n') {
                            lines++;
                        }
                    }
                }
            } catch (IOException | InterruptedException failure) {
                throw new IllegalStateException(url + " failed", failure);
            }
            if (round > 0) {
                millis.add((System.nanoTime() - started) / 1e6);
            }
        }
        if (lines != 100_001) {
            throw new IllegalStateException("the export gave " + lines + " lines, not a header and 100,000 rows");
        }
        Collections.sort(millis);
        System.out.printf("%-44s median %6.1f ms   p90 %6.1f ms   (%,d rows, %.1f MB)%n", "CSV export, 100,000 rows",
                millis.get(millis.size() / 2), millis.get((int) (millis.size() * 0.9)), lines - 1, bytes / 1e6);
    }

    /** The hunt API's answer to {@code GET path}; anything but a 200 ends the benchmark. */
    private static JsonNode check(ElasticsearchHttp huntApi, String path) throws IOException, InterruptedException {
        ElasticsearchHttp.Response response = huntApi.get(path);
        if (response.status() != 200) {
            throw new IllegalStateException("/api/hunt" + path + " answered " + response.status() + ": " + response.body());
        }
        return response.body();
    }
}
