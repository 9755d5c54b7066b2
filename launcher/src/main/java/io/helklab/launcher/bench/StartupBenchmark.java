package io.helklab.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.home.Directories;
import io.helklab.launcher.ClassDataArchive;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Cold starts of the appliance, each a new JVM on a new home with ephemeral ports: the median time
 * to ready per service and in total (from process launch to the ready file), and the resident
 * memory once idle.
 */
@Command(name = "startup", mixinStandardHelpOptions = true,
        description = "Median time to ready per service and in total over several cold starts, and idle resident memory.")
public final class StartupBenchmark implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "5", description = "Cold starts to measure (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--idle-seconds", defaultValue = "15",
            description = "How long to let the appliance idle before reading its resident memory (default: ${DEFAULT-VALUE}).")
    int idleSeconds;

    @Option(names = "--baseline-runs", defaultValue = "3",
            description = "Starts without the relaunch (no class-data archive, default JIT thresholds), as the baseline of the same run; 0 skips them"
                    + " (default: ${DEFAULT-VALUE}).")
    int baselineRuns;

    @Option(names = "--jar", description = "The helk-lab.jar to start (default: the running one).")
    Path jar;

    @Option(names = "--java", description = "The java executable (default: the running one).")
    Path javaOption;

    @Override
    public Integer call() throws Exception {
        Path jarFile = jar != null ? jar : runningJar();
        Path javaExecutable = javaOption != null ? javaOption : Path.of(System.getProperty("java.home"), "bin", "java");
        System.out.println(Statistics.format("Startup benchmark: %d cold starts of %s on %s, %d cores",
                runs, jarFile.getFileName(), Runtime.version(), Runtime.getRuntime().availableProcessors()));
        Map<String, List<Long>> perService = new LinkedHashMap<>();
        List<Long> totals = new ArrayList<>();
        List<Long> inProcess = new ArrayList<>();
        List<Long> residentMegabytes = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            int number = run;
            startOnFreshHome(javaExecutable, jarFile, true, (process, ready, total) -> {
                totals.add(total);
                inProcess.add(ready.path("total_ms").asLong());
                for (Iterator<Map.Entry<String, JsonNode>> it = ready.path("startup_ms").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    perService.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(entry.getValue().asLong());
                }
                Thread.sleep(idleSeconds * 1000L);
                long rss = residentKilobytesOfJvms(process) / 1024;
                residentMegabytes.add(rss);
                System.out.println(Statistics.format("  run %d: ready in %.2f s (in-process %.2f s), idle resident %d MB",
                        number, total / 1000.0, ready.path("total_ms").asLong() / 1000.0, rss));
            });
        }
        System.out.println();
        System.out.println("Median time to ready:");
        perService.forEach((service, millis) -> System.out.println(Statistics.format("  %-14s %6.2f s",
                service, Statistics.median(millis) / 1000.0)));
        System.out.println(Statistics.format("  %-14s %6.2f s  (from launch of the JVM; min %.2f, max %.2f)", "total",
                Statistics.median(totals) / 1000.0, Statistics.min(totals) / 1000.0, Statistics.max(totals) / 1000.0));
        System.out.println(Statistics.format("  %-14s %6.2f s  (inside the JVM, after it started)", "in-process",
                Statistics.median(inProcess) / 1000.0));
        System.out.println(Statistics.format("Median idle resident memory: %.0f MB (min %.0f, max %.0f)",
                Statistics.median(residentMegabytes), Statistics.min(residentMegabytes), Statistics.max(residentMegabytes)));
        if (baselineRuns > 0) {
            List<Long> withoutArchive = new ArrayList<>();
            for (int run = 1; run <= baselineRuns; run++) {
                startOnFreshHome(javaExecutable, jarFile, false, (process, ready, total) -> withoutArchive.add(total));
            }
            System.out.println(Statistics.format("Baseline, the same starts without the relaunch, so without the archive and the start-up JIT thresholds (%s=0): median %.2f s"
                    + " over %d runs; with it %.2f s (ratio %.2f)", ClassDataArchive.RELAUNCH_VARIABLE,
                    Statistics.median(withoutArchive) / 1000.0, baselineRuns, Statistics.median(totals) / 1000.0,
                    Statistics.median(totals) / Statistics.median(withoutArchive)));
        }
        System.out.println(Statistics.format("Targets: ready <= 5 s (ratio %.2f), resident < 1200 MB (ratio %.2f)",
                Statistics.median(totals) / 5000.0, Statistics.median(residentMegabytes) / 1200.0));
        return 0;
    }

    /** What a run does with the appliance once it is ready; {@code total} is milliseconds from launch to ready. */
    @FunctionalInterface
    private interface WhileReady {
        void accept(Process process, JsonNode ready, long total) throws Exception;
    }

    /** Starts the appliance on a fresh home, hands it to {@code whileReady}, then stops it and deletes the home. */
    private static void startOnFreshHome(Path javaExecutable, Path jarFile, boolean relaunch, WhileReady whileReady)
            throws Exception {
        Path home = Files.createTempDirectory("helk-lab-bench-");
        long launched = System.nanoTime();
        Process process = start(javaExecutable, jarFile, home, relaunch);
        try {
            JsonNode ready = awaitReady(process, home);
            whileReady.accept(process, ready, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched));
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Directories.deleteRecursively(home);
        }
    }

    /** {@code java -jar helk-lab.jar} on a fresh home with ephemeral ports, output discarded. */
    static Process start(Path javaExecutable, Path jarFile, Path home, boolean relaunch) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(javaExecutable.toString(), "-jar", jarFile.toString(), "--home",
                home.toString(), "--http-port", "0", "--es-port", "0", "--kafka-port", "0", "--zk-port", "0",
                "--spark-connect-port", "0", "--samples", "none")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (!relaunch) {
            builder.environment().put(ClassDataArchive.RELAUNCH_VARIABLE, "0");
        }
        return builder.start();
    }

    static JsonNode awaitReady(Process process, Path home) throws Exception {
        Path ready = home.resolve("run/ready.json");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (Files.exists(ready)) {
                return new ObjectMapper().readTree(ready.toFile());
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the appliance exited with " + process.exitValue()
                        + " before it was ready; see " + home.resolve("logs/helk-lab.log"));
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the appliance was not ready within 5 minutes");
    }

    /**
     * VmRSS of the launched JVM plus the appliance JVM it relaunched (when it found a class-data archive);
     * Jupyter and other child processes are not the appliance's own memory and are left out.
     */
    static long residentKilobytesOfJvms(Process process) throws IOException {
        long total = residentKilobytes(process.pid());
        for (ProcessHandle descendant : process.descendants().toList()) {
            if (descendant.info().command().map(command -> command.endsWith("/java")).orElse(false)) {
                total += residentKilobytes(descendant.pid());
            }
        }
        return total;
    }

    /** VmRSS of a process from /proc (Linux). */
    static long residentKilobytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    static Path runningJar() {
        try {
            return Path.of(StartupBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception unknown) {
            throw new IllegalStateException("cannot locate helk-lab.jar; pass --jar", unknown);
        }
    }
}
