package io.helklab.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar, started as a user starts it, on JDK 17 and on the current LTS (25): it becomes
 * healthy, and SIGTERM stops it with exit code 0, every port released and no process left.
 */
class LauncherSmokeIT {
    private static final boolean CI = "true".equals(System.getenv("CI"));
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void runsAndStopsCleanlyOnJdk17(@TempDir Path work) throws Exception {
        Path java = JarProcess.installedJava(17).orElse(JarProcess.currentJava());
        // The default start of a fresh home: it loads the samples, so this also stops in the middle of loading.
        runAndStop(java, work, STOP_TIMEOUT);
    }

    @Test
    void runsAndStopsCleanlyOnJdk25(@TempDir Path work) throws Exception {
        Optional<Path> java = JarProcess.installedJava(25);
        if (CI) {
            assertThat(java).as("JDK 25 under /usr/lib/jvm (CI must test the current LTS)").isPresent();
        }
        assumeThat(java).as("JDK 25 under /usr/lib/jvm").isPresent();
        // The first stop also writes the class-data archive, after the services stopped: that takes longer.
        runAndStop(java.get(), work, Duration.ofMinutes(3), "--samples", "none");
        // No 'helk-lab cds' was run for JDK 25: its first stop wrote an archive into the home by itself.
        List<Path> archives;
        try (var files = Files.list(work.resolve("home").resolve("cache"))) {
            archives = files.filter(file -> file.getFileName().toString().endsWith(".jsa")).toList();
        }
        assertThat(archives).as("the archive JDK 25 created on its first stop").hasSize(1);
        assertThat(Files.size(archives.get(0))).isPositive();
        var created = Files.getLastModifiedTime(archives.get(0));

        runAndStop(java.get(), work, STOP_TIMEOUT, "--samples", "none");
        assertThat(Files.getLastModifiedTime(archives.get(0))).as("the second start mapped it instead of writing it again")
                .isEqualTo(created);
    }

    @Test
    void startsFromTheClassDataArchiveAndStopsWhenTheLaunchingJvmIsKilled(@TempDir Path work) throws Exception {
        Path archive = ClassDataArchive.archiveOf(JarProcess.JAR);
        if (CI) {
            assertThat(archive).as("the class-data archive 'mvn package' writes next to the jar").exists();
        }
        assumeThat(ClassDataArchive.usable(archive, JarProcess.JAR)).as("a class-data archive for this JVM").isTrue();
        Path home = work.resolve("home");
        try (JarProcess jar = JarProcess.start(JarProcess.currentJava(), work, "--home", home.toString(), "--http-port",
                "0", "--es-port", "0", "--kafka-port", "0", "--zk-port", "0", "--spark-connect-port", "0",
                "--samples", "none")) {
            JsonNode ready = jar.awaitReady(home, Duration.ofMinutes(3));
            List<ProcessHandle> appliance = jar.process().children()
                    .filter(child -> child.info().arguments().map(List::of).orElse(List.of())
                            .contains("-XX:SharedArchiveFile=" + archive))
                    .toList();
            assertThat(appliance).as("the appliance JVM, relaunched with the archive").hasSize(1);
            assertThat(appliance.get(0).info().arguments().map(List::of).orElse(List.of()))
                    .as("the start-up JIT thresholds").containsAll(ClassDataArchive.JIT_FLAGS);
            int httpPort = java.net.URI.create(ready.path("http").asText()).getPort();

            jar.process().destroyForcibly(); // SIGKILL to the launching JVM only
            assertThat(appliance.get(0).onExit().get(60, java.util.concurrent.TimeUnit.SECONDS).isAlive()).isFalse();
            assertThat(canBind(httpPort)).as("front door port " + httpPort + " released").isTrue();
            assertThat(home.resolve("logs/helk-lab.log")).content().contains("Stopping elasticsearch");
        }
    }

    private void runAndStop(Path java, Path work, Duration stopTimeout, String... extraArgs) throws Exception {
        Path home = work.resolve("home");
        List<String> args = new ArrayList<>(List.of("--home", home.toString(), "--http-port", "0",
                "--es-port", "0", "--kafka-port", "0", "--zk-port", "0", "--spark-connect-port", "0"));
        args.addAll(List.of(extraArgs));
        try (JarProcess jar = JarProcess.start(java, work, args.toArray(String[]::new))) {
            JsonNode ready = jar.awaitReady(home, Duration.ofMinutes(3));
            String healthUrl = ready.path("http").asText() + "api/health";
            JsonNode health = awaitGreen(healthUrl, Duration.ofMinutes(1));
            assertThat(health.path("services").fieldNames()).toIterable()
                    .contains("zookeeper", "kafka", "elasticsearch", "spark", "http");

            List<Integer> ports = new ArrayList<>();
            health.path("services").forEach(service -> {
                // Services without a listener of their own (the indexer, the streams, a child not installed) have none.
                if (service.path("address").isTextual()) {
                    String address = service.path("address").asText();
                    ports.add(Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
                }
            });
            assertThat(ports).as("listening services").hasSizeGreaterThanOrEqualTo(5);
            List<ProcessHandle> family = new ArrayList<>(jar.process().descendants().toList());
            family.add(jar.process().toHandle());

            jar.process().destroy(); // SIGTERM
            int exitCode = jar.awaitExit(stopTimeout);

            assertThat(exitCode).as(jar.output()).isZero();
            assertThat(family).allSatisfy(process -> assertThat(process.isAlive()).as("pid " + process.pid()).isFalse());
            for (int port : ports) {
                assertThat(canBind(port)).as("port " + port + " released").isTrue();
            }
            assertThat(Files.exists(home.resolve("run/ready.json"))).isFalse();
            String console = jar.stdout();
            assertThat(console).contains("HELK lab is ready in", "Stopped in");
            assertThat(console).as("library log lines stay out of the console").doesNotContain(" INFO ", " WARN ", "Exception");
            assertThat(home.resolve("logs/helk-lab.log")).exists();
        }
    }

    private static JsonNode awaitGreen(String url, Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            last = new ObjectMapper().readTree(response.body());
            if ("green".equals(last.path("status").asText())) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("health did not turn green within " + timeout + ": " + last);
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
