package io.helklab.junit;

import io.helklab.config.Component;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * How long the JUnit fixture takes to become ready, for Elasticsearch alone, the default set
 * (Elasticsearch + Kafka + indexer) and everything (+ Spark). Each start runs in a fresh JVM with
 * this JVM's flags and class path, so class loading and JIT warm-up are paid every time, as in a
 * test run. Each configuration runs with the fixture's class preloading and, alternately, without it
 * (the baseline). Prints the median, minimum and maximum of both, and their ratio; asserts nothing.
 *
 * <p>Run from the repository root, with the JVM flags of the parent POM's {@code helk.jvm.opens}
 * property (they are passed on to every child JVM):
 * <pre>
 * mvn -o -q -pl appliance -am test-compile
 * mvn -o -q -pl appliance dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
 * java -Xmx3g &lt;helk.jvm.opens&gt; -Dlog4j2.configurationFile=log4j2-test.xml \
 *   -cp appliance/target/test-classes:appliance/target/classes:$(cat appliance/target/test.classpath) \
 *   io.helklab.junit.FixtureStartBenchmark [runs [elasticsearch|default|everything ...]]
 * </pre>
 */
public final class FixtureStartBenchmark {
    private static final String CHILD = "--child";
    private static final String RESULT = "FIXTURE-READY ";

    private FixtureStartBenchmark() {}

    private static Map<String, Set<Component>> configurations() {
        Map<String, Set<Component>> configurations = new LinkedHashMap<>();
        configurations.put("elasticsearch", EnumSet.of(Component.ELASTICSEARCH));
        configurations.put("default", EnumSet.of(Component.ELASTICSEARCH, Component.KAFKA, Component.INDEXER));
        configurations.put("everything", EnumSet.of(Component.ELASTICSEARCH, Component.KAFKA, Component.INDEXER,
                Component.SPARK));
        return configurations;
    }

    public static void main(String[] arguments) throws Exception {
        if (arguments.length == 2 && arguments[0].equals(CHILD)) {
            startOnce(arguments[1]);
            return;
        }
        int runs = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 5;
        System.out.printf("Fixture start benchmark: %d fresh JVMs per configuration, Java %s, %d cores%n", runs,
                Runtime.version(), Runtime.getRuntime().availableProcessors());
        List<String> chosen = arguments.length > 1 ? List.of(arguments).subList(1, arguments.length)
                : List.copyOf(configurations().keySet());
        for (String configuration : chosen) {
            // The baseline, without class preloading, alternates with the measured runs so that both see the same machine.
            Runs preloading = new Runs();
            Runs baseline = new Runs();
            for (int run = 1; run <= runs; run++) {
                preloading.add(runChild(configuration, List.of()));
                baseline.add(runChild(configuration, List.of("-D" + ClassPreloader.PRELOAD_PROPERTY + "=false")));
            }
            preloading.print(configuration);
            baseline.print("  no preload");
            System.out.printf("  %-14s preloading / no preload: %.2f%n", "", preloading.median() / baseline.median());
        }
    }

    /** The figures of one configuration's runs. */
    private static final class Runs {
        private final List<Long> ready = new ArrayList<>();
        private final List<Long> fromLaunch = new ArrayList<>();
        private final List<Long> cpu = new ArrayList<>();
        private String services = "";

        void add(String[] result) {
            ready.add(Long.parseLong(result[0]));
            fromLaunch.add(Long.parseLong(result[1]));
            cpu.add(Long.parseLong(result[2]));
            services = result[3];
        }

        double median() {
            return FixtureStartBenchmark.median(ready);
        }

        void print(String label) {
            System.out.printf("  %-14s fixture ready in %5.2f s median (min %.2f, max %.2f; target 4 s: ratio %.2f); "
                    + "JVM launch to ready %5.2f s; CPU used %5.2f s; last run per service %s%n", label,
                    median() / 1000.0, Collections.min(ready) / 1000.0, Collections.max(ready) / 1000.0,
                    median() / 4000.0, FixtureStartBenchmark.median(fromLaunch) / 1000.0,
                    FixtureStartBenchmark.median(cpu) / 1000.0, services);
        }
    }

    private static void startOnce(String configuration) {
        FixtureSettings settings = new FixtureSettings(configurations().get(configuration), List.of(),
                Duration.ofMinutes(5), false, FixtureStartBenchmark.class.getName());
        long begin = System.nanoTime();
        try (HelkLabFixture fixture = HelkLabFixture.start(settings)) {
            long ready = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
            ReadyMarker.mark();
            long sinceLaunch = ManagementFactory.getRuntimeMXBean().getUptime();
            long cpu = TimeUnit.NANOSECONDS.toMillis(((com.sun.management.OperatingSystemMXBean)
                    ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
            Map<String, Long> perService = new LinkedHashMap<>();
            fixture.lab().startDurations().forEach((name, took) -> perService.put(name, took.toMillis()));
            System.out.println(RESULT + ready + " " + sinceLaunch + " " + cpu + " " + perService.toString().replace(" ", ""));
        }
        System.exit(0);
    }

    /**
     * Starts one fixture of {@code configuration} in a fresh JVM with this JVM's flags plus {@code flags}, and
     * returns its result line's fields: ready ms, ms since launch, CPU ms, per-service ms.
     */
    static String[] runChild(String configuration, List<String> flags) throws Exception {
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
        command.addAll(flags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FixtureStartBenchmark.class.getName(), CHILD,
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
        return result.split(" ", 4);
    }

    /** Loaded when the fixture is ready, so that a class-load log shows where the start ended. */
    static final class ReadyMarker {
        private ReadyMarker() {}

        static void mark() {}
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }
}
