package io.helklab.launcher;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The appliance JVM's heap, chosen for an 8 GB laptop instead of the JVM's default of a quarter of the machine's
 * memory. Elasticsearch, Kafka, Spark and the notebook kernel share it: {@value #DEFAULT} holds the samples, the
 * streams and a notebook (the workload the notebooks' integration test runs), and leaves the rest of the laptop
 * for the operating system, the browser and Jupyter's Python kernels. A user who sets {@code -Xmx} or a RAM
 * percentage, on the command line or in {@code JDK_JAVA_OPTIONS}, keeps it; {@value #VARIABLE} sets another size.
 */
final class ApplianceHeap {
    static final String DEFAULT = "3g";
    static final String VARIABLE = "HELK_LAB_HEAP";
    private static final Pattern SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");
    private static final List<String> USER_HEAP_FLAGS = List.of("-Xmx", "-XX:MaxHeapSize", "-XX:MaxRAMPercentage",
            "-XX:MaxRAM=", "-XX:MaxRAMFraction");

    private ApplianceHeap() {}

    /** The heap flags of the relaunched JVM, given this JVM's flags and the environment. */
    static List<String> flags(List<String> userFlags, Map<String, String> environment) {
        String javaOptions = environment.getOrDefault("JDK_JAVA_OPTIONS", "");
        boolean own = userFlags.stream().anyMatch(ApplianceHeap::heapFlag)
                || List.of(javaOptions.trim().split("\\s+")).stream().anyMatch(ApplianceHeap::heapFlag);
        if (own) {
            return List.of();
        }
        String size = environment.get(VARIABLE);
        if (size == null || size.isBlank()) {
            return List.of("-Xmx" + DEFAULT);
        }
        if (!SIZE.matcher(size.trim()).matches()) {
            throw new IllegalArgumentException(VARIABLE + "=" + size + " is not a heap size; give one like 4g or 3072m");
        }
        return List.of("-Xmx" + size.trim());
    }

    private static boolean heapFlag(String flag) {
        return USER_HEAP_FLAGS.stream().anyMatch(flag::startsWith);
    }
}
