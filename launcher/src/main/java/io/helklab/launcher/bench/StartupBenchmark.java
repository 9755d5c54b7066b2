package io.helklab.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.home.Directories;
import io.helklab.launcher.ClassDataArchive;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
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

    @Option(names = "--first-start", description = "Measure first starts as a user makes them instead: the samples a fresh home"
            + " loads, with the time from launch until every sample event is searchable broken down, and the resident memory"
            + " with the samples loaded.")
    boolean firstStart;

    @Option(names = "--jar", description = "The helk-lab.jar to start (default: the running one).")
    Path jar;

    @Option(names = "--java", description = "The java executable (default: the running one).")
    Path javaOption;

    @Override
    public Integer call() throws Exception {
        Path jarFile = jar != null ? jar : runningJar();
        Path javaExecutable = javaOption != null ? javaOption : Path.of(System.getProperty("java.home"), "bin", "java");
        if (firstStart) {
            return firstStarts(javaExecutable, jarFile);
        }
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

    private int firstStarts(Path javaExecutable, Path jarFile) throws Exception {
        System.out.println(Statistics.format("First-start benchmark: %d first starts with the samples of %s on %s (%s), %d cores,"
                + " load average %.2f at the start", runs, jarFile.getFileName(), javaVersion(javaExecutable), javaExecutable,
                Runtime.getRuntime().availableProcessors(), loadAverage()));
        List<FirstStartTimeline.Figures> all = new ArrayList<>();
        List<Long> secondStarts = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            FirstStartTimeline.Figures figures;
            long second = -1;
            Path home = Files.createTempDirectory("helk-lab-bench-");
            try {
                try (FirstStartTimeline timeline = FirstStartTimeline.launch(javaExecutable, jarFile, home)) {
                    figures = timeline.measure(Duration.ofSeconds(idleSeconds));
                }
                // The second start on the same home: what the first stop left behind (an archive, the loaded samples).
                long launched = System.nanoTime();
                Process process = start(javaExecutable, jarFile, home, true);
                try {
                    awaitReady(process, home);
                    second = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched);
                } finally {
                    stop(process);
                }
            } finally {
                Directories.deleteRecursively(home);
            }
            all.add(figures);
            secondStarts.add(second);
            System.out.println(Statistics.format("  run %d: %,d events searchable %.2f s after launch; ready %.2f s (JVM and"
                    + " launcher %.2f s, services %.2f s: %s); sent to Kafka %.2f s, indexed %s, searchable %.2f s, jupyter %s;"
                    + " resident with the samples %d MB; second start ready in %.2f s; processor time of the JVMs %.1f s to"
                    + " ready, %.1f s to searchable", run, figures.expectedEvents(), figures.searchableMillis() / 1000.0,
                    figures.readyMillis() / 1000.0, figures.jvmMillis() / 1000.0, figures.inProcessMillis() / 1000.0,
                    services(figures.serviceMillis()), figures.sentMillis() / 1000.0, seconds(figures.indexedMillis()),
                    figures.searchableMillis() / 1000.0, seconds(figures.jupyterMillis()), figures.residentMegabytes(), second / 1000.0,
                    figures.cpuSecondsAtReady(), figures.cpuSecondsAtSearchable()));
            List<String> components = new ArrayList<>();
            figures.cpuSecondsByComponent().forEach((component, seconds) -> components.add(
                    Statistics.format("%s %.1f", component, seconds)));
            System.out.println("    processor seconds of the appliance JVM by component, launch to searchable: "
                    + String.join(", ", components));
        }
        System.out.println();
        System.out.println("Median, seconds from the launch of the JVM:");
        printMedian("JVM and launcher", all, FirstStartTimeline.Figures::jvmMillis);
        printMedian("ready", all, FirstStartTimeline.Figures::readyMillis);
        printMedian("samples sent", all, FirstStartTimeline.Figures::sentMillis);
        printMedian("samples indexed", all, FirstStartTimeline.Figures::indexedMillis);
        printMedian("searchable", all, FirstStartTimeline.Figures::searchableMillis);
        printMedian("jupyter", all, FirstStartTimeline.Figures::jupyterMillis);
        System.out.println(Statistics.format("  %-17s %6.2f s  (ready, the same home started again)", "second start",
                Statistics.median(secondStarts) / 1000.0));
        List<Double> cpuReady = all.stream().map(FirstStartTimeline.Figures::cpuSecondsAtReady).toList();
        List<Double> cpuSearchable = all.stream().map(FirstStartTimeline.Figures::cpuSecondsAtSearchable).toList();
        System.out.println(Statistics.format("Median processor time of the JVMs: %.1f s to ready, %.1f s to every sample"
                + " searchable; on %d idle cores that is at least %.1f s of wall-clock time to searchable",
                Statistics.median(cpuReady), Statistics.median(cpuSearchable), Runtime.getRuntime().availableProcessors(),
                Statistics.median(cpuSearchable) / Runtime.getRuntime().availableProcessors()));
        List<Long> searchable = all.stream().map(FirstStartTimeline.Figures::searchableMillis).toList();
        List<Long> resident = all.stream().map(FirstStartTimeline.Figures::residentMegabytes).toList();
        System.out.println(Statistics.format("Median resident memory with the samples loaded: %.0f MB (min %.0f, max %.0f);"
                + " the appliance JVMs only, Jupyter's processes not counted", Statistics.median(resident),
                Statistics.min(resident), Statistics.max(resident)));
        System.out.println(Statistics.format("Targets: every sample searchable <= 12 s after launch (ratio %.2f),"
                + " resident < 1200 MB (ratio %.2f)", Statistics.median(searchable) / 12000.0,
                Statistics.median(resident) / 1200.0));
        return 0;
    }

    private static void printMedian(String what, List<FirstStartTimeline.Figures> all,
            ToLongFunction<FirstStartTimeline.Figures> figure) {
        List<Long> values = all.stream().mapToLong(figure).filter(value -> value >= 0).boxed().toList();
        System.out.println(Statistics.format("  %-17s %6.2f s  (min %.2f, max %.2f)", what, Statistics.median(values) / 1000.0,
                Statistics.min(values) / 1000.0, Statistics.max(values) / 1000.0));
    }

    private static String services(Map<String, Long> millis) {
        List<String> parts = new ArrayList<>();
        millis.forEach((service, took) -> parts.add(Statistics.format("%s %.2f", service, took / 1000.0)));
        return String.join(", ", parts);
    }

    private static String seconds(long millis) {
        return millis < 0 ? "not seen" : Statistics.format("%.2f s", millis / 1000.0);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String javaVersion(Path javaExecutable) {
        try {
            Process version = new ProcessBuilder(javaExecutable.toString(), "-version").redirectErrorStream(true).start();
            String output = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            version.waitFor();
            return output.lines().findFirst().orElse("unknown java");
        } catch (IOException | InterruptedException unknown) {
            return "unknown java";
        }
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
            stop(process);
            Directories.deleteRecursively(home);
        }
    }

    /** Stops the appliance as Ctrl-C would, so it stops cleanly (and a JDK 19+ writes its archive). */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
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

    /**
     * Processor time the launched JVM and the appliance JVM it relaunched have used, user and system, in seconds: on a
     * machine that other work keeps busy it says what the start costs, which wall-clock time there does not.
     */
    static double cpuSecondsOfJvms(Process process) throws IOException {
        double total = cpuSeconds(process.pid());
        for (ProcessHandle descendant : process.descendants().toList()) {
            if (descendant.info().command().map(command -> command.endsWith("/java")).orElse(false)) {
                total += cpuSeconds(descendant.pid());
            }
        }
        return total;
    }

    /** utime + stime of a process from /proc (Linux), whose clock ticks are hundredths of a second. */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name in parentheses may hold spaces; the fields after it are plain numbers.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
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
