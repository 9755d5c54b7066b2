package io.helklab.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.helklab.home.Directories;
import io.helklab.ingest.Indexer;
import io.helklab.ingest.normalize.Channel;
import io.helklab.ingest.normalize.EventNormalizer;
import io.helklab.ingest.normalize.NormalizedEvent;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.schema.IndexNames;
import io.helklab.schema.TopicNames;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Ingest as users meet it: the full default appliance ({@code java -jar helk-lab.jar} on a fresh home, every
 * default component) in its own JVM, fed by an external producer ({@code kcat -P -l}), first cold (the appliance
 * just started, nothing warmed up), then warm (a second batch of new records). Each pass reports the time until
 * the indexer has committed every record (it commits only what Elasticsearch accepted) and until a count query
 * finds every document, and is followed by the raw baseline of the same run: the same documents, already
 * normalised, sent as {@code _bulk} over HTTP into the same node, timed until a count finds them all. No pass
 * forces a refresh; both see the channel template's refresh interval.
 */
final class ApplianceIngestBenchmark {
    private static final int BULK_SIZE = 2000;
    private static final int BULKS_IN_FLIGHT = 3;
    private static final long PASS_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(20);

    private final Path javaExecutable;
    private final Path jarFile;
    private final int events;

    ApplianceIngestBenchmark(Path javaExecutable, Path jarFile, int events) {
        this.javaExecutable = javaExecutable;
        this.jarFile = jarFile;
        this.events = events;
    }

    /** What one end-to-end pass took, in seconds from the producer's launch, and where the appliance's CPU went. */
    private record Pass(double producedSeconds, double indexedSeconds, double searchableSeconds,
                        Map<String, Double> cpuSeconds) {
    }

    void run() throws Exception {
        String kcat = kcat();
        DistinctSysmonRecords corpus = DistinctSysmonRecords.fromBuiltInScenarios();
        List<byte[]> coldRecords = corpus.records(0, events);
        List<byte[]> warmRecords = corpus.records(events, events);
        double averageBytes = coldRecords.stream().mapToInt(record -> record.length).average().orElse(0);
        Path work = Files.createTempDirectory("helk-lab-appliance-ingest-");
        try {
            Path coldFile = lines(coldRecords, work.resolve("cold.jsonl"));
            Path warmFile = lines(warmRecords, work.resolve("warm.jsonl"));
            String rawIndexPrefix = IndexNames.channelPrefix(Channel.SYSMON) + "bench-raw-";
            List<byte[]> coldBulks = bulkBodies(coldRecords, rawIndexPrefix + "cold");
            List<byte[]> warmBulks = bulkBodies(warmRecords, rawIndexPrefix + "warm");
            coldRecords = null;
            warmRecords = null;
            System.out.println(Statistics.format("Full appliance (java -jar %s, default components, fresh home), producer"
                            + " kcat -P -l, %,d distinct Sysmon records of %.0f bytes on average per pass, %d cores:",
                    jarFile.getFileName(), events, averageBytes, Runtime.getRuntime().availableProcessors()));
            Path home = work.resolve("home");
            Files.createDirectories(home);
            long launched = System.nanoTime();
            Process process = StartupBenchmark.start(javaExecutable, jarFile, home, true);
            try {
                JsonNode ready = StartupBenchmark.awaitReady(process, home);
                System.out.println(Statistics.format("  ready after %.1f s", (System.nanoTime() - launched) / 1e9));
                long pid = ready.path("pid").asLong();
                ElasticsearchHttp elasticsearch = new ElasticsearchHttp(ready.path("elasticsearch").asText());
                String kafka = ready.path("kafka").asText();
                Pass cold = endToEnd(kcat, kafka, coldFile, elasticsearch, pid);
                double coldRaw = rawBulk(elasticsearch, coldBulks, rawIndexPrefix + "cold");
                Pass warm = endToEnd(kcat, kafka, warmFile, elasticsearch, pid);
                double warmRaw = rawBulk(elasticsearch, warmBulks, rawIndexPrefix + "warm");
                print("cold", cold, coldRaw);
                print("warm", warm, warmRaw);
                printBreakdown(cold);
            } finally {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } finally {
            Directories.deleteRecursively(work);
        }
    }

    private void print(String label, Pass pass, double rawSeconds) {
        double searchable = events / pass.searchableSeconds();
        double raw = events / rawSeconds;
        System.out.println(Statistics.format("  %s, until indexed:    %,8.0f events/s  (%.1f s; kcat done after %.1f s)",
                label, events / pass.indexedSeconds(), pass.indexedSeconds(), pass.producedSeconds()));
        System.out.println(Statistics.format("  %s, until searchable: %,8.0f events/s  (%.1f s); raw _bulk over HTTP, same"
                        + " documents, same node, until searchable: %,8.0f docs/s (%.1f s); ratio %.2f",
                label, searchable, pass.searchableSeconds(), raw, rawSeconds, searchable / raw));
    }

    private static void printBreakdown(Pass cold) {
        double total = cold.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
        StringBuilder line = new StringBuilder(Statistics.format(
                "  appliance CPU during the cold pass: %.1f s = %.2f cores busy;", total, total / cold.searchableSeconds()));
        cold.cpuSeconds().forEach((group, seconds) -> line.append(Statistics.format(" %s %.0f%%,", group,
                total == 0 ? 0 : 100 * seconds / total)));
        line.setLength(line.length() - 1);
        System.out.println(line);
    }

    /** Runs kcat over {@code file} into {@code winlogbeat}; seconds until indexed and until searchable. */
    private Pass endToEnd(String kcat, String kafka, Path file, ElasticsearchHttp elasticsearch, long pid)
            throws Exception {
        String indices = IndexNames.channelPattern(Channel.SYSMON);
        try (Admin admin = Admin.create(adminProperties(kafka))) {
            long committedBefore = committed(admin);
            long searchableBefore = count(elasticsearch, indices);
            ThreadCpuBreakdown cpuBefore = ThreadCpuBreakdown.snapshot(pid);
            long begin = System.nanoTime();
            Process producer = new ProcessBuilder(kcat, "-P", "-b", kafka, "-t", TopicNames.WINLOGBEAT, "-l", file.toString())
                    .redirectErrorStream(true).redirectOutput(file.resolveSibling("kcat.log").toFile()).start();
            CompletableFuture<Long> produced = producer.onExit().thenApply(exited -> System.nanoTime());
            long indexed = 0;
            long searchable = 0;
            while (searchable == 0) {
                if (System.nanoTime() - begin > PASS_TIMEOUT_NANOS) {
                    producer.destroyForcibly();
                    throw new IllegalStateException("not all " + events + " events were searchable within 20 minutes");
                }
                if (indexed == 0 && committed(admin) - committedBefore >= events) {
                    indexed = System.nanoTime();
                }
                if (count(elasticsearch, indices) - searchableBefore >= events) {
                    searchable = System.nanoTime();
                    indexed = indexed == 0 ? searchable : indexed;
                }
                Thread.sleep(50);
            }
            long producedAt = produced.get(5, TimeUnit.MINUTES);
            if (producer.exitValue() != 0) {
                throw new IllegalStateException("kcat exited with " + producer.exitValue() + ": "
                        + Files.readString(file.resolveSibling("kcat.log")));
            }
            ThreadCpuBreakdown cpuAfter = ThreadCpuBreakdown.snapshot(pid);
            return new Pass((producedAt - begin) / 1e9, (indexed - begin) / 1e9, (searchable - begin) / 1e9,
                    cpuAfter.secondsSince(cpuBefore));
        }
    }

    /**
     * The documents a count finds, 0 while a new index's shards are still starting. A loaded node may drop a kept-alive
     * connection; the count is asked again then.
     */
    private static long count(ElasticsearchHttp elasticsearch, String indices) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return elasticsearch.count(indices, null);
            } catch (ElasticsearchHttp.NotReadyException starting) {
                return 0;
            } catch (IOException dropped) {
                if (attempt == 5) {
                    throw dropped;
                }
                Thread.sleep(200);
            }
        }
    }

    /** The indexer's committed offsets on {@code winlogbeat}, summed over the partitions. */
    private static long committed(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(Indexer.GROUP_ID)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        return offsets.entrySet().stream()
                .filter(entry -> entry.getKey().topic().equals(TopicNames.WINLOGBEAT) && entry.getValue() != null)
                .mapToLong(entry -> entry.getValue().offset())
                .sum();
    }

    private static Properties adminProperties(String kafka) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "helk-lab-ingest-benchmark");
        return properties;
    }

    /** Seconds from the first bulk sent to a count finding every document; deletes the index afterwards. */
    private double rawBulk(ElasticsearchHttp elasticsearch, List<byte[]> bulks, String index) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create(elasticsearch.baseUrl() + "/_bulk");
        Semaphore inFlight = new Semaphore(BULKS_IN_FLIGHT);
        AtomicReference<String> failure = new AtomicReference<>();
        long begin = System.nanoTime();
        for (byte[] body : bulks) {
            inFlight.acquire();
            sendWithRetries(client, uri, body, 3)
                    .whenComplete((response, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error.toString());
                        } else if (response.statusCode() != 200 || response.body().startsWith("{\"took\"")
                                && response.body().contains("\"errors\":true")) {
                            failure.compareAndSet(null, response.statusCode() + " " + response.body()
                                    .substring(0, Math.min(500, response.body().length())));
                        }
                        inFlight.release();
                    });
        }
        inFlight.acquire(BULKS_IN_FLIGHT);
        if (failure.get() != null) {
            throw new IllegalStateException("the raw bulk into " + index + " failed: " + failure.get());
        }
        while (count(elasticsearch, index) < events) {
            if (System.nanoTime() - begin > PASS_TIMEOUT_NANOS) {
                throw new IllegalStateException("the raw bulk's documents were not searchable within 20 minutes");
            }
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        elasticsearch.send("DELETE", "/" + index);
        return seconds;
    }

    /** A bulk is idempotent (fixed ids), so one a loaded node dropped the connection of is sent again. */
    private static CompletableFuture<HttpResponse<String>> sendWithRetries(HttpClient client, URI uri, byte[] body,
            int attempts) {
        CompletableFuture<HttpResponse<String>> sent = client.sendAsync(HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/x-ndjson").timeout(Duration.ofMinutes(5))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (attempts <= 1) {
            return sent;
        }
        return sent.handle((response, error) -> error == null ? CompletableFuture.completedFuture(response)
                : sendWithRetries(client, uri, body, attempts - 1)).thenCompose(next -> next);
    }

    /** The records normalised as the indexer does, into {@code _bulk} bodies for {@code index}. */
    private static List<byte[]> bulkBodies(List<byte[]> records, String index) {
        EventNormalizer normalizer = new EventNormalizer(Clock.systemUTC());
        List<byte[]> bodies = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int inBody = 0;
        for (byte[] record : records) {
            NormalizedEvent event = normalizer.normalize(record);
            if (event.reason() != null) {
                throw new IllegalStateException("a benchmark record did not normalise (" + event.reason() + ")");
            }
            body.writeBytes(("{\"index\":{\"_index\":\"" + index + "\",\"_id\":\"" + event.id() + "\"}}\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(event.json().getBytes(StandardCharsets.UTF_8));
            body.write('\n');
            if (++inBody == BULK_SIZE) {
                bodies.add(body.toByteArray());
                body.reset();
                inBody = 0;
            }
        }
        if (inBody > 0) {
            bodies.add(body.toByteArray());
        }
        return bodies;
    }

    private static Path lines(List<byte[]> records, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (byte[] record : records) {
                out.write(record);
                out.write('\n');
            }
        }
        return file;
    }

    private static String kcat() {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(directory, "kcat");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("the full-appliance ingest benchmark produces with kcat, which is not on the"
                + " PATH; install it (Debian: apt-get install kcat) or pass --mode indexer");
    }
}
