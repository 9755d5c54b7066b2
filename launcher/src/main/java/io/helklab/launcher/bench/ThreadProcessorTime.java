package io.helklab.launcher.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Processor time of a running JVM by component, from its threads' names and times in /proc (Linux): which part of the
 * appliance used the processors, for a breakdown that a busy machine's wall-clock times cannot give. Threads that have
 * ended are not counted, so the components add up to less than the process's total.
 */
final class ThreadProcessorTime {
    /** Thread name prefixes (as Linux keeps them, 15 characters) and the component they belong to; first match wins. */
    private static final Map<String, String> COMPONENTS = components();

    private ThreadProcessorTime() {}

    private static Map<String, String> components() {
        Map<String, String> components = new LinkedHashMap<>();
        components.put("elasticsearch[", "Elasticsearch");
        components.put("C2 CompilerThre", "JIT compiler (C2)");
        components.put("C1 CompilerThre", "JIT compiler (C1)");
        components.put("GC Thread", "garbage collector");
        components.put("G1 ", "garbage collector");
        components.put("Executor task l", "Spark tasks (the streams)");
        components.put("stream execut", "Spark streams' driver");
        components.put("spark-", "Spark");
        components.put("dispatcher-", "Spark");
        components.put("data-plane-kafk", "Kafka broker");
        components.put("kafka-", "Kafka broker");
        components.put("ReplicaFetcher", "Kafka broker");
        components.put("helk-indexer", "indexer");
        components.put("kafka-producer-", "Kafka clients");
        components.put("helk-lab-sample", "sample loader");
        components.put("main", "main (start-up)");
        components.put("java", "main (start-up)");
        return components;
    }

    /** Seconds of processor time per component, largest first, of the JVM with this process id. */
    static Map<String, Double> byComponent(long pid) throws IOException {
        Map<String, Double> seconds = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double used = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
                    seconds.merge(component(name), used, Double::sum);
                } catch (IOException ended) {
                    // the thread ended while being read
                }
            }
        }
        Map<String, Double> largestFirst = new LinkedHashMap<>();
        seconds.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(entry -> largestFirst.put(entry.getKey(), entry.getValue()));
        return largestFirst;
    }

    private static String component(String threadName) {
        for (Map.Entry<String, String> prefix : COMPONENTS.entrySet()) {
            if (threadName.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        return "other threads";
    }

    /** The appliance's own JVM: the relaunched child when there is one, else the launched process. */
    static long applianceJvm(Process process) {
        List<ProcessHandle> jvms = process.descendants()
                .filter(descendant -> descendant.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .toList();
        return jvms.isEmpty() ? process.pid() : jvms.get(0).pid();
    }
}
