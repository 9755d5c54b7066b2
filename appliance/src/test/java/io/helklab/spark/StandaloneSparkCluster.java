package io.helklab.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on loopback: a master and workers, each a JVM of its own started with Spark's own entry
 * points ({@code deploy.master.Master}, {@code deploy.worker.Worker}).
 *
 * <p>The cluster's Spark distribution is this test JVM's class path without what {@link ExecutorJars} ships (HELK
 * lab's classes, the ES-Spark connector, GraphFrames, Spark's Kafka source), linked into {@code jars/} of a Spark home
 * of its own: a job that needs one of those on an executor only runs when the appliance shipped it.
 */
final class StandaloneSparkCluster implements AutoCloseable {
    private static final Duration READY_WAIT = Duration.ofSeconds(120);

    private final Path directory;
    private final Path sparkHome;
    private final int masterPort;
    private final int webUiPort;
    private final List<Process> processes = new ArrayList<>();
    private final Thread stopAtExit = new Thread(this::stopQuietly, "spark-cluster-stop");

    private StandaloneSparkCluster(Path directory) throws IOException {
        this.directory = directory;
        this.sparkHome = directory.resolve("spark-home");
        this.masterPort = freePort();
        this.webUiPort = freePort();
        // A test JVM that ends without reaching close() leaves no cluster behind.
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Starts a master and {@code workers} workers of one core each and waits until every worker registered. */
    static StandaloneSparkCluster start(Path directory, int workers) throws Exception {
        StandaloneSparkCluster cluster = new StandaloneSparkCluster(directory);
        try {
            cluster.linkDistribution();
            cluster.launch("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", Integer.toString(cluster.masterPort), "--webui-port", Integer.toString(cluster.webUiPort));
            for (int worker = 1; worker <= workers; worker++) {
                Path workDirectory = Files.createDirectories(directory.resolve("worker-" + worker));
                cluster.launch("worker-" + worker, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", "1g",
                        "--work-dir", workDirectory.toString(), cluster.masterUrl());
            }
            cluster.awaitWorkers(workers);
            return cluster;
        } catch (Exception | AssertionError failure) {
            cluster.close();
            throw failure;
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    URI webUi() {
        return URI.create("http://127.0.0.1:" + webUiPort);
    }

    /** The jars of the cluster's Spark distribution. */
    List<Path> distributionJars() throws IOException {
        try (var listing = Files.list(sparkHome.resolve("jars"))) {
            return listing.sorted().toList();
        }
    }

    /** The master's report from its web UI. */
    JsonNode masterState() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(webUi() + "/json/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }

    private void linkDistribution() throws IOException {
        Path jars = Files.createDirectories(sparkHome.resolve("jars"));
        Set<Path> shipped = ExecutorJars.sources();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath().normalize();
            if (entry.endsWith(".jar") && Files.isRegularFile(path) && !shipped.contains(path)
                    && !path.getFileName().toString().startsWith("surefire")) {
                Path link = jars.resolve(path.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, path);
                }
            }
        }
    }

    private void launch(String name, String mainClass, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+IgnoreUnrecognizedVMOptions", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-cp", sparkHome.resolve("jars") + File.separator + "*", mainClass));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + ".log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> environment = builder.environment();
        environment.put("SPARK_HOME", sparkHome.toString());
        environment.put("SPARK_LOCAL_IP", "127.0.0.1");
        environment.put("SPARK_SCALA_VERSION", "2.12");
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        processes.add(builder.start());
    }

    private void awaitWorkers(int workers) throws Exception {
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new AssertionError("a cluster process exited with " + process.exitValue() + "; logs: " + logs());
                }
            }
            try {
                JsonNode state = masterState();
                last = state.toString();
                if (state.path("aliveworkers").asInt() == workers) {
                    return;
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the Spark cluster did not have " + workers + " alive workers within " + READY_WAIT
                + "; master said " + last + "; logs: " + logs());
    }

    /** Every process's log, for failure messages. */
    String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        try (var listing = Files.list(directory)) {
            for (Path log : listing.filter(path -> path.toString().endsWith(".log")).sorted().toList()) {
                String text = Files.readString(log);
                all.append("\n--- ").append(log).append('\n').append(text.substring(Math.max(0, text.length() - 4000)));
            }
        }
        return all.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the workers (which stop their executors) and then the master. */
    @Override
    public void close() throws InterruptedException {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // the hook runs anyway
        }
    }

    private synchronized void stop() throws InterruptedException {
        for (int index = processes.size() - 1; index >= 0; index--) {
            Process process = processes.get(index);
            // A worker stops its executors as it exits; these are gone for sure.
            List<ProcessHandle> executors = process.descendants().toList();
            process.destroy();
            executors.forEach(ProcessHandle::destroy);
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        processes.clear();
    }
}
