package io.helklab.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.HelkLab;
import io.helklab.config.Component;
import io.helklab.config.HelkLabConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An appliance (Kafka, Elasticsearch, indexer) in a JVM of its own, so a test can SIGKILL it. The
 * child writes its endpoints to {@code <home>/run/child-ready.json} once started.
 */
public final class ChildAppliance {

    /** Child entry point: {@code ChildAppliance <home>}. */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        HelkLab lab = HelkLab.create(HelkLabConfig.ephemeral(home).withComponents(Set.of(Component.INDEXER))).start();
        Path ready = home.resolve("run/child-ready.json");
        new ObjectMapper().writeValue(ready.toFile(), Map.of("elasticsearch", lab.elasticsearchUrl(),
                "kafka", lab.kafkaBootstrapServers(),
                "indexerAssignmentWaitMillis", Long.toString(lab.indexer().firstAssignmentWait().toMillis())));
        Thread.currentThread().join();
    }

    /** Starts a child appliance on this home and waits until it is ready. */
    static Started start(Path home, Duration timeout) throws Exception {
        Files.deleteIfExists(home.resolve("run/child-ready.json"));
        Path log = Files.createDirectories(home.resolve("logs")).resolve("child-" + System.nanoTime() + ".out");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "-Dlog4j2.configurationFile=log4j2-test.xml", ChildAppliance.class.getName(), home.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        Path ready = home.resolve("run/child-ready.json");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(ready) && Files.size(ready) > 0) {
                @SuppressWarnings("unchecked")
                Map<String, String> endpoints = new ObjectMapper().readValue(ready.toFile(), Map.class);
                return new Started(process, endpoints.get("elasticsearch"), endpoints.get("kafka"),
                        Duration.ofMillis(Long.parseLong(endpoints.get("indexerAssignmentWaitMillis"))));
            }
            if (!process.isAlive()) {
                throw new AssertionError("the child appliance exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError("the child appliance was not ready within " + timeout + ": " + Files.readString(log));
    }

    /**
     * A running child appliance.
     *
     * @param indexerAssignmentWait how long its indexer waited between subscribing and its first partitions
     */
    record Started(Process process, String elasticsearchUrl, String kafkaBootstrapServers,
            Duration indexerAssignmentWait) {
        void kill() throws InterruptedException, IOException {
            process.destroyForcibly(); // SIGKILL
            process.waitFor();
        }
    }

    private ChildAppliance() {}
}
