package io.helklab.launcher.bench;

import com.sun.management.OperatingSystemMXBean;
import io.helklab.HelkLab;
import io.helklab.config.Component;
import io.helklab.config.DetectionConfig;
import io.helklab.config.HelkLabConfig;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.home.Directories;
import io.helklab.ingest.TopicNamespace;
import io.helklab.ingest.normalize.Channel;
import io.helklab.ingest.normalize.EventNormalizer;
import io.helklab.ingest.normalize.NormalizedEvent;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import io.helklab.schema.IndexNames;
import io.helklab.schema.TopicNames;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.client.Client;
import org.elasticsearch.common.xcontent.XContentType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * End-to-end ingest (Kafka → indexer → searchable) against the raw in-process bulk rate of the very
 * same documents, measured in one run on one appliance.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Events/s as users meet them (the full appliance in its own JVM, kcat as the producer, cold and"
                + " warm, against raw _bulk over HTTP), then the indexer alone (in-process producer, warm, against raw"
                + " in-process bulk).")
public final class IngestBenchmark implements Callable<Integer> {
    private static final Pattern RECORD_ID = Pattern.compile("\"record_id\":(\\d+)");
    /** The samples' {@code host}: the name only. */
    private static final Pattern HOST = Pattern.compile("\"host\":\\{\"name\":\"([^\"\\\\]*)\"\\}");
    private static final int BULK_SIZE = 2000;
    private static final int BULKS_IN_FLIGHT = 3;
    private static final String WARMUP_NAMESPACE = "bench-warmup";

    @Option(names = "--events", defaultValue = "200000",
            description = "Events to send per measured pass (default: ${DEFAULT-VALUE}).")
    int events;

    /** Which measurements to run. */
    enum Mode { appliance, indexer, both }

    @Option(names = "--mode", defaultValue = "both",
            description = "appliance: the full default appliance, cold and warm, producer kcat; indexer: the indexer"
                    + " alone in this JVM, warm; both: one after the other (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(names = "--jar", description = "The helk-lab.jar the appliance measurement starts (default: the running one).")
    Path jar;

    @Option(names = "--warmup", defaultValue = "100000",
            description = "Events per warm-up pass of each path; both paths are measured with the JIT warm, as in a"
                    + " long-running appliance; 0 measures cold (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--warmup-rounds", defaultValue = "5",
            description = "Warm-up passes of each path before measuring; after 3, the JIT still compiled for about 4 s"
                    + " of each measured path, after 5-6 for 2-3 s (default: ${DEFAULT-VALUE}).")
    int warmupRounds;

    @Option(names = "--compression", defaultValue = "none",
            description = "The producer's compression.type: none, lz4, gzip, snappy or zstd; the broker and the indexer"
                    + " decompress in this JVM too (default: ${DEFAULT-VALUE}).")
    String compression;

    @Option(names = "--scenario", defaultValue = "encoded-powershell-cradle",
            description = "Scenario whose Sysmon records (Winlogbeat 7) are replicated (default: ${DEFAULT-VALUE}).")
    String scenarioName;

    @Option(names = "--host-metadata", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Add the host fields of Winlogbeat's default add_host_metadata processor (OS, IPs, MACs), "
                    + "which the samples leave out; they make the events about 2.4 KB, like real Sysmon events "
                    + "from Winlogbeat 7 (default: ${DEFAULT-VALUE}).")
    boolean hostMetadata;

    @Option(names = "--rules", split = ",", paramLabel = "N",
            description = "Instead of raw bulk, compare end to end with N generated Sigma rules loaded (SyntheticRules, "
                    + "shaped like SigmaHQ's Windows rules), e.g. --rules 0,100,3000; prints events/s, the ratio to "
                    + "N = 0 and the rule engine's CPU microseconds per event.")
    List<Integer> ruleCounts = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (mode != Mode.indexer) {
            Path jarFile = jar != null ? jar : StartupBenchmark.runningJar();
            new ApplianceIngestBenchmark(Path.of(System.getProperty("java.home"), "bin", "java"), jarFile, events).run();
            if (mode == Mode.appliance) {
                return 0;
            }
            System.out.println();
        }
        List<byte[]> records = records(SampleCatalog.find(scenarioName), events, hostMetadata);
        if (!ruleCounts.isEmpty()) {
            return new RuleCountBenchmark(this, records).run(ruleCounts);
        }
        double averageBytes = records.stream().mapToInt(record -> record.length).average().orElse(0);
        System.out.println(Statistics.format("Indexer only (in-process producer, warm): %,d Sysmon events of %.0f bytes on average (Winlogbeat 7%s), producer compression %s, %d cores, %s",
                records.size(), averageBytes, hostMetadata ? " with host metadata" : "", compression,
                Runtime.getRuntime().availableProcessors(), Runtime.version()));
        Path home = Files.createTempDirectory("helk-lab-ingest-bench-");
        // The rule-free baseline: the detection service runs with no rule loaded.
        HelkLabConfig config = HelkLabConfig.ephemeral(home).withComponents(Set.of(Component.INDEXER))
                .withDetection(DetectionConfig.defaults().withBuiltInRules(false));
        try (HelkLab lab = HelkLab.create(config).start()) {
            ElasticsearchHttp elasticsearch = new ElasticsearchHttp(lab.elasticsearchUrl());

            long normalizeBegin = System.nanoTime();
            EventNormalizer normalizer = new EventNormalizer(Clock.systemUTC());
            List<NormalizedEvent> documents = new ArrayList<>(records.size());
            for (byte[] record : records) {
                documents.add(normalizer.normalize(record));
            }
            double normalizeSeconds = (System.nanoTime() - normalizeBegin) / 1e9;
            String rawIndex = IndexNames.channelPrefix(Channel.SYSMON) + "bench-raw";
            Client client = lab.elasticsearch().client();
            List<NormalizedEvent> warmupDocuments = documents.subList(0, Math.min(warmup, documents.size()));
            List<byte[]> warmupRecords = records.subList(0, Math.min(warmup, records.size()));
            for (int round = 1; round <= warmupRounds && warmup > 0; round++) {
                double raw = warmupDocuments.size() / rawBulk(client, warmupDocuments, rawIndex + "-warmup", elasticsearch);
                elasticsearch.send("DELETE", "/" + rawIndex + "-warmup");
                String namespace = WARMUP_NAMESPACE + "-" + round;
                double endToEnd = warmupRecords.size() / endToEnd(lab, namespace, warmupRecords, elasticsearch);
                elasticsearch.send("DELETE", "/" + TopicNamespace.indexPattern(namespace));
                System.out.println(Statistics.format("  warm-up %d of %d:       raw %,7.0f, end to end %,7.0f events/s  (%,d events each; not measured)",
                        round, warmupRounds, raw, endToEnd, warmupDocuments.size()));
            }

            // Measured: raw, end to end, raw again; the raw rate is over both raw passes, so JIT or merge drift
            // during the run does not favour either path.
            Cost beforeRaw = Cost.now();
            double rawFirst = rawBulk(client, documents, rawIndex, elasticsearch);
            Cost rawFirstCost = Cost.now().minus(beforeRaw);
            elasticsearch.send("DELETE", "/" + rawIndex);
            Cost beforeEndToEnd = Cost.now();
            double endToEndSeconds = endToEnd(lab, null, records, elasticsearch);
            Cost endToEndCost = Cost.now().minus(beforeEndToEnd);
            Cost beforeRawSecond = Cost.now();
            double rawSecond = rawBulk(client, documents, rawIndex, elasticsearch);
            Cost rawCost = Cost.now().minus(beforeRawSecond).plus(rawFirstCost);
            elasticsearch.send("DELETE", "/" + rawIndex);
            documents.clear();
            double rawRate = 2.0 * records.size() / (rawFirst + rawSecond);
            double endToEndRate = records.size() / endToEndSeconds;
            System.out.println(Statistics.format("  raw in-process bulk:  %,10.0f events/s  (before and after end to end: %,.0f and %,.0f; %d bulks of %d in flight, same mapping)",
                    rawRate, records.size() / rawFirst, records.size() / rawSecond, BULKS_IN_FLIGHT, BULK_SIZE));
            System.out.println(Statistics.format("  end to end via Kafka: %,10.0f events/s  (%.1f s from first record produced to all searchable)",
                    endToEndRate, endToEndSeconds));
            System.out.println(Statistics.format("  CPU busy (of %d cores):  raw %.2f, end to end %.2f cores  (JIT compiler threads at work %.1f and %.1f s)",
                    Runtime.getRuntime().availableProcessors(), rawCost.cpuSeconds() / (rawFirst + rawSecond),
                    endToEndCost.cpuSeconds() / endToEndSeconds, rawCost.jitSeconds(), endToEndCost.jitSeconds()));
            System.out.println(Statistics.format("  normaliser alone:     %,10.0f events/s  (one thread, cold)", records.size() / normalizeSeconds));
            System.out.println(Statistics.format("  ratio end to end / raw bulk: %.2f  (target >= 0.70; end-to-end target >= 15,000 events/s)",
                    endToEndRate / rawRate));
        } finally {
            Directories.deleteRecursively(home);
        }
        return 0;
    }

    /**
     * What this process spent over a measured pass: CPU time on all cores, and the part of it the JIT compilers
     * spent compiling (which shows when a pass still ran partly on unoptimised code).
     */
    private record Cost(double cpuSeconds, double jitSeconds) {
        static Cost now() {
            OperatingSystemMXBean system = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return new Cost(system.getProcessCpuTime() / 1e9,
                    ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1e3);
        }

        Cost minus(Cost earlier) {
            return new Cost(cpuSeconds - earlier.cpuSeconds, jitSeconds - earlier.jitSeconds);
        }

        Cost plus(Cost other) {
            return new Cost(cpuSeconds + other.cpuSeconds, jitSeconds + other.jitSeconds);
        }
    }

    /**
     * The scenario's Sysmon records, replicated to {@code count} distinct records (distinct record ids), with
     * Winlogbeat's host metadata when asked for.
     */
    static List<byte[]> records(Scenario scenario, int count, boolean hostMetadata) {
        List<String> sysmon = new ArrayList<>();
        try (Stream<byte[]> all = scenario.records()) {
            all.map(record -> new String(record, StandardCharsets.UTF_8))
                    .filter(text -> text.contains("\"Microsoft-Windows-Sysmon/Operational\""))
                    .map(text -> hostMetadata ? withHostMetadata(text) : text)
                    .forEach(sysmon::add);
        }
        if (sysmon.isEmpty()) {
            throw new IllegalArgumentException(scenario.name() + " has no Sysmon records in Winlogbeat 7 format");
        }
        List<byte[]> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Matcher matcher = RECORD_ID.matcher(sysmon.get(i % sysmon.size()));
            records.add(matcher.replaceFirst("\"record_id\":" + (100_000_000L + i)).getBytes(StandardCharsets.UTF_8));
        }
        return records;
    }

    /**
     * The record with the fields Winlogbeat 7's default {@code add_host_metadata} processor adds to
     * {@code host}, derived from the host name (the same host always gets the same values).
     */
    static String withHostMetadata(String record) {
        Matcher host = HOST.matcher(record);
        if (!host.find()) {
            return record;
        }
        String name = host.group(1);
        Random random = new Random(name.hashCode());
        String id = new UUID(random.nextLong(), random.nextLong()).toString();
        String mac = String.format("00-50-56-%02X-%02X-%02X", random.nextInt(256), random.nextInt(256), random.nextInt(256));
        String ipv4 = "10.0." + random.nextInt(8) + "." + (10 + random.nextInt(200));
        String ipv6 = String.format("fe80::%x:%x:%x:%x", random.nextInt(0x10000), random.nextInt(0x10000),
                random.nextInt(0x10000), random.nextInt(0x10000));
        String metadata = "\"host\":{\"name\":\"" + name + "\",\"hostname\":\"" + name + "\",\"architecture\":\"x86_64\","
                + "\"os\":{\"platform\":\"windows\",\"version\":\"10.0\",\"family\":\"windows\","
                + "\"name\":\"Windows 10 Enterprise\",\"kernel\":\"10.0.19041.1415 (WinBuild.160101.0800)\","
                + "\"build\":\"19044.1415\",\"type\":\"windows\"},\"id\":\"" + id + "\","
                + "\"ip\":[\"" + ipv6 + "\",\"" + ipv4 + "\",\"::1\",\"127.0.0.1\"],"
                + "\"mac\":[\"" + mac + "\",\"00-00-00-00-00-00-00-E0\"],\"containerized\":false}";
        return record.substring(0, host.start()) + metadata + record.substring(host.end());
    }

    private static double rawBulk(Client client, List<NormalizedEvent> documents, String index, ElasticsearchHttp elasticsearch)
            throws Exception {
        Semaphore inFlight = new Semaphore(BULKS_IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long begin = System.nanoTime();
        for (int start = 0; start < documents.size(); start += BULK_SIZE) {
            BulkRequest request = new BulkRequest();
            for (NormalizedEvent document : documents.subList(start, Math.min(documents.size(), start + BULK_SIZE))) {
                request.add(new IndexRequest(index).id(document.id()).source(document.source(), XContentType.SMILE));
            }
            inFlight.acquire();
            client.bulk(request, ActionListener.wrap(response -> {
                if (response.hasFailures()) {
                    failure.compareAndSet(null, new IllegalStateException(response.buildFailureMessage()));
                }
                inFlight.release();
            }, error -> {
                failure.compareAndSet(null, error);
                inFlight.release();
            }));
        }
        inFlight.acquire(BULKS_IN_FLIGHT);
        elasticsearch.post("/" + index + "/_refresh", Map.of());
        double seconds = (System.nanoTime() - begin) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("the raw bulk failed: " + failure.get().getMessage(), failure.get());
        }
        long count = elasticsearch.count(index, null);
        if (count != documents.size()) {
            throw new IllegalStateException("raw bulk indexed " + count + " of " + documents.size());
        }
        return seconds;
    }

    /**
     * Seconds from the first record produced to all of them searchable, through the topic of {@code namespace}
     * (HELK's own {@code winlogbeat} when null).
     */
    double endToEnd(HelkLab lab, String namespace, List<byte[]> records, ElasticsearchHttp elasticsearch)
            throws Exception {
        String topic = namespace == null ? TopicNames.WINLOGBEAT : TopicNamespace.winlogbeatTopic(namespace);
        String indices = namespace == null ? IndexNames.channelPattern(Channel.SYSMON) : TopicNamespace.indexPattern(namespace);
        long indexedBefore = lab.indexer().statistics().indexed();
        Properties properties = new Properties();
        properties.put("bootstrap.servers", lab.kafkaBootstrapServers());
        properties.put("linger.ms", "20");
        properties.put("batch.size", Integer.toString(512 * 1024));
        properties.put("compression.type", compression);
        properties.put("acks", "all");
        long begin;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            begin = System.nanoTime();
            for (byte[] record : records) {
                producer.send(new ProducerRecord<>(topic, record));
            }
            producer.flush();
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (lab.indexer().statistics().indexed() - indexedBefore >= records.size()) {
                elasticsearch.post("/" + indices + "/_refresh", Map.of());
                long count = elasticsearch.count(indices, null);
                if (count >= records.size()) {
                    return (System.nanoTime() - begin) / 1e9;
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("not all events were searchable within 20 minutes");
    }
}
