package io.helklab.junit;

import com.sun.management.OperatingSystemMXBean;
import io.helklab.HelkLab;
import io.helklab.config.Component;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * One start of the JUnit fixture in a fresh JVM, as a test run pays it (class loading and JIT warm-up
 * included), for {@code helk-lab benchmark fixture} and the class-list recorder. {@link #run} launches
 * a child JVM with this JVM's flags and class path plus the given flags; the child ({@link #main})
 * starts the fixture, reports one result line and exits. Needs no JUnit on the class path.
 */
public final class FixtureStartProbe {
    /** Flag of the child JVM that switches the fixture's class preloading off (the baseline). */
    public static final String NO_PRELOAD = "-D" + ClassPreloader.PRELOAD_PROPERTY + "=false";
    private static final String RESULT = "FIXTURE-READY ";

    private FixtureStartProbe() {}

    /** What one start measured: milliseconds to ready, from JVM launch to ready, CPU used, and per service. */
    public record Result(long readyMillis, long sinceLaunchMillis, long cpuMillis, String perService) {}

    /** The configurations, by name: Elasticsearch alone, the default set, everything. */
    public static Map<String, Set<Component>> configurations() {
        Map<String, Set<Component>> configurations = new LinkedHashMap<>();
        configurations.put("elasticsearch", EnumSet.of(Component.ELASTICSEARCH));
        configurations.put("default", EnumSet.of(Component.ELASTICSEARCH, Component.KAFKA, Component.INDEXER));
        configurations.put("everything", EnumSet.of(Component.ELASTICSEARCH, Component.KAFKA, Component.INDEXER,
                Component.SPARK));
        return configurations;
    }

    /** Child entry point: {@code FixtureStartProbe <configuration>}. */
    public static void main(String[] arguments) {
        Set<Component> components = configurations().get(arguments[0]);
        long begin = System.nanoTime();
        HelkLab lab = SharedFixture.appliance(components);
        long ready = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        ReadyMarker.mark();
        long sinceLaunch = ManagementFactory.getRuntimeMXBean().getUptime();
        long cpu = TimeUnit.NANOSECONDS.toMillis(((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime());
        Map<String, Long> perService = new LinkedHashMap<>();
        lab.startDurations().forEach((name, took) -> perService.put(name, took.toMillis()));
        System.out.println(RESULT + ready + " " + sinceLaunch + " " + cpu + " " + perService.toString().replace(" ", ""));
        // The shared fixture stops the appliance and deletes its work directory on the way out.
        System.exit(0);
    }

    /** Starts one fixture of {@code configuration} in a fresh JVM with this JVM's flags plus {@code flags}. */
    public static Result run(String configuration, List<String> flags) throws IOException, InterruptedException {
        if (!configurations().containsKey(configuration)) {
            throw new IllegalArgumentException("unknown configuration '" + configuration + "'; use one of "
                    + configurations().keySet());
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!argument.startsWith("-agentlib") && !argument.startsWith("-javaagent")) {
                command.add(argument);
            }
        }
        command.addAll(manifestOpens());
        command.addAll(flags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FixtureStartProbe.class.getName(),
                configuration));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        List<String> output = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith(RESULT)) {
                    result = line.substring(RESULT.length());
                } else {
                    output.add(line);
                }
            }
        }
        if (!process.waitFor(5, TimeUnit.MINUTES) || result == null) {
            throw new IllegalStateException("the " + configuration + " fixture did not report ready; its output:\n"
                    + String.join("\n", output));
        }
        String[] fields = result.split(" ", 4);
        return new Result(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]), fields[3]);
    }

    /**
     * The {@code Add-Opens} of the jar this JVM runs from, as flags: a child started with {@code -cp} instead of
     * {@code -jar} does not get them from the manifest, and Spark needs them.
     */
    private static List<String> manifestOpens() throws IOException {
        Path classPath = Path.of(System.getProperty("java.class.path"));
        List<String> flags = new ArrayList<>();
        if (!classPath.toString().endsWith(".jar") || !Files.isRegularFile(classPath)) {
            return flags;
        }
        try (JarFile jar = new JarFile(classPath.toFile())) {
            String opens = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Add-Opens");
            if (opens != null) {
                for (String modulePackage : opens.trim().split("\\s+")) {
                    flags.add("--add-opens=" + modulePackage + "=ALL-UNNAMED");
                }
            }
        }
        return flags;
    }

    /** Loaded when the fixture is ready, so that a class-load log shows where the start ended. */
    public static final class ReadyMarker {
        private ReadyMarker() {}

        static void mark() {}
    }
}
