package io.helklab.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One first start as a user makes it: {@code java -jar helk-lab.jar} on a fresh home, which loads every sample
 * scenario, followed from outside until the last sample event is searchable. Where the time goes comes from three
 * sources that need nothing inside the product: the ready file (each service's start), the console's lines as they
 * appear (samples sent, searchable, Jupyter), and Elasticsearch's own indexing counter polled beside the console (so
 * indexing and the refresh that makes it searchable can be told apart).
 *
 * <p>Not thread-safe; one instance per run. {@link #close()} stops the appliance as Ctrl-C would and keeps the home.
 */
final class FirstStartTimeline implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofMinutes(20);
    private static final String EVENT_INDICES = "logs-*,parse-failures-*";

    /** What one first start measured, in milliseconds from the launch of the JVM; -1 when not seen. */
    record Figures(long readyMillis, long inProcessMillis, Map<String, Long> serviceMillis, long sentMillis,
            long indexedMillis, long searchableMillis, long jupyterMillis, long expectedEvents, long residentMegabytes,
            double cpuSecondsAtReady, double cpuSecondsAtSearchable, Map<String, Double> cpuSecondsByComponent) {

        /** The JVM's own start and the launcher's work before the services start. */
        long jvmMillis() {
            return readyMillis - inProcessMillis;
        }
    }

    private final Path home;
    private final Process process;
    private final long launched;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile long sentMillis = -1;
    private volatile long searchableMillis = -1;
    private volatile long jupyterMillis = -1;
    private volatile long expectedEvents = -1;
    private volatile String samplesFailure;

    private FirstStartTimeline(Path home, Process process, long launched) {
        this.home = home;
        this.process = process;
        this.launched = launched;
    }

    /** Launches the appliance on {@code home}, a fresh one, with ephemeral ports and the samples a fresh home loads. */
    static FirstStartTimeline launch(Path javaExecutable, Path jarFile, Path home) throws IOException {
        long launched = System.nanoTime();
        Process process = new ProcessBuilder(javaExecutable.toString(), "-jar", jarFile.toString(), "--home",
                home.toString(), "--http-port", "0", "--es-port", "0", "--kafka-port", "0", "--zk-port", "0",
                "--spark-connect-port", "0")
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        FirstStartTimeline timeline = new FirstStartTimeline(home, process, launched);
        Thread reader = new Thread(timeline::readConsole, "helk-bench-console");
        reader.setDaemon(true);
        reader.start();
        return timeline;
    }

    /** Waits until every sample event is searchable, then lets the appliance idle before reading its memory. */
    Figures measure(Duration idle) throws Exception {
        JsonNode ready = awaitReady();
        double cpuAtReady = StartupBenchmark.cpuSecondsOfJvms(process);
        long readyMillis = ready.path("launch_observed_ms").asLong();
        String elasticsearch = ready.path("elasticsearch").asText();
        long indexedMillis = -1;
        long deadline = launched + LIMIT.toNanos();
        while (searchableMillis < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the appliance exited with " + process.exitValue()
                        + " before the samples were searchable; see " + home.resolve("logs/helk-lab.log"));
            }
            if (samplesFailure != null) {
                throw new IllegalStateException("the appliance said: " + samplesFailure);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the samples were not searchable within " + LIMIT.toMinutes() + " minutes");
            }
            if (indexedMillis < 0 && expectedEvents > 0 && indexed(elasticsearch) >= expectedEvents) {
                indexedMillis = sinceLaunch();
            }
            Thread.sleep(100);
        }
        double cpuAtSearchable = StartupBenchmark.cpuSecondsOfJvms(process);
        Map<String, Double> byComponent = ThreadProcessorTime.byComponent(ThreadProcessorTime.applianceJvm(process));
        Thread.sleep(idle.toMillis());
        long resident = StartupBenchmark.residentKilobytesOfJvms(process) / 1024;
        Map<String, Long> services = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ready.path("startup_ms").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            services.put(entry.getKey(), entry.getValue().asLong());
        }
        return new Figures(readyMillis, ready.path("total_ms").asLong(), services, sentMillis, indexedMillis,
                searchableMillis, jupyterMillis, expectedEvents, resident, cpuAtReady, cpuAtSearchable,
                byComponent);
    }

    private JsonNode awaitReady() throws Exception {
        Path ready = home.resolve("run/ready.json");
        long deadline = launched + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(ready)) {
                long observed = sinceLaunch();
                JsonNode node = JSON.readTree(ready.toFile());
                ((ObjectNode) node).put("launch_observed_ms", observed);
                return node;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the appliance exited with " + process.exitValue()
                        + " before it was ready; see " + home.resolve("logs/helk-lab.log"));
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the appliance was not ready within " + LIMIT.toMinutes() + " minutes");
    }

    /** Index operations Elasticsearch counted on the event indices, refreshed or not. */
    private long indexed(String elasticsearch) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/" + EVENT_INDICES
                    + "/_stats/indexing?ignore_unavailable=true&allow_no_indices=true&filter_path=_all.primaries.indexing.index_total"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("_all").path("primaries").path("indexing").path("index_total").asLong();
        } catch (IOException notYet) {
            return 0;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Notes when the console says the samples were sent, searchable, and when Jupyter came up. */
    private void readConsole() {
        try (BufferedReader console = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = console.readLine(); line != null; line = console.readLine()) {
                try {
                    note(line.trim());
                } catch (RuntimeException unexpected) {
                    // a line shaped unlike the ones looked for; the next ones still count
                }
            }
        } catch (IOException closed) {
            // the process ended; what was seen stays
        }
    }

    private void note(String text) {
        if (text.startsWith("sent to Kafka")) {
            // "sent to Kafka [####] 53,554 / 107,108": the running total and the number of sample events
            String[] counts = text.substring(text.indexOf(']') + 1).replace(",", "").split("/");
            long done = Long.parseLong(counts[0].trim());
            expectedEvents = Long.parseLong(counts[1].trim());
            if (done == expectedEvents) {
                sentMillis = sinceLaunch();
            }
        } else if (text.contains("events searchable in")) {
            searchableMillis = sinceLaunch();
        } else if (text.contains("sample loading failed")) {
            samplesFailure = text;
        } else if (text.matches("[✓+] jupyter .*") && jupyterMillis < 0) {
            jupyterMillis = sinceLaunch();
        }
    }

    private long sinceLaunch() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched);
    }

    /** Stops the appliance as Ctrl-C would and waits for the relaunched JVM too, so the home is free again. */
    @Override
    public void close() throws Exception {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        for (ProcessHandle descendant : tree) {
            try {
                descendant.onExit().get(60, TimeUnit.SECONDS);
            } catch (TimeoutException stillRunning) {
                descendant.destroyForcibly();
            }
        }
        // A JVM that had to be killed leaves its ready file; the next start on this home must not read it.
        Files.deleteIfExists(home.resolve("run/ready.json"));
    }
}
