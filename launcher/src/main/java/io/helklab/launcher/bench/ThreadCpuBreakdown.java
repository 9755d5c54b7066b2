package io.helklab.launcher.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time per thread of another JVM, from {@code jcmd <pid> Thread.print} (whose thread lines carry
 * {@code cpu=...ms} and the native id), grouped into the appliance's parts. Two snapshots taken around a measured
 * pass give where that pass's CPU went; threads that ended in between are not counted.
 */
final class ThreadCpuBreakdown {
    private static final Pattern THREAD_LINE =
            Pattern.compile("^\"(.*)\" .*?cpu=([0-9.,]+)ms .*?nid=(0x[0-9a-fA-F]+)", Pattern.MULTILINE);
    /** Group names in print order. */
    static final List<String> GROUPS = List.of("indexer", "Elasticsearch write", "Elasticsearch other", "Kafka",
            "Spark (streaming join)", "GC", "JIT compiler", "other");

    private final Map<String, Double> millisByThread;
    private final Map<String, String> nameByThread;

    private ThreadCpuBreakdown(Map<String, Double> millisByThread, Map<String, String> nameByThread) {
        this.millisByThread = millisByThread;
        this.nameByThread = nameByThread;
    }

    /** A snapshot of the JVM {@code pid}'s threads; {@code jcmd} is the one next to the running java. */
    static ThreadCpuBreakdown snapshot(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                .redirectErrorStream(true).start();
        String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " Thread.print failed: " + dump.lines().limit(5).toList());
        }
        return parse(dump);
    }

    static ThreadCpuBreakdown parse(String threadDump) {
        Map<String, Double> millis = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        Matcher line = THREAD_LINE.matcher(threadDump);
        while (line.find()) {
            millis.put(line.group(3), Double.parseDouble(line.group(2).replace(",", "")));
            names.put(line.group(3), line.group(1));
        }
        return new ThreadCpuBreakdown(millis, names);
    }

    /** CPU seconds per group spent between {@code earlier} and this snapshot, in {@link #GROUPS} order. */
    Map<String, Double> secondsSince(ThreadCpuBreakdown earlier) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        GROUPS.forEach(group -> seconds.put(group, 0.0));
        millisByThread.forEach((thread, millis) -> {
            double spent = millis - earlier.millisByThread.getOrDefault(thread, 0.0);
            seconds.merge(group(nameByThread.get(thread)), spent / 1000.0, Double::sum);
        });
        return seconds;
    }

    /** Which part of the appliance a thread works for, by the names the libraries give their threads. */
    static String group(String thread) {
        if (thread.startsWith("helk-indexer") || thread.contains("helk-lab-indexer") || thread.contains("helk-lab-alerts")) {
            return "indexer";
        }
        if (thread.startsWith("elasticsearch[")) {
            return thread.contains("][write]") ? "Elasticsearch write" : "Elasticsearch other";
        }
        if (thread.startsWith("Executor task launch") || thread.startsWith("stream execution thread")
                || thread.startsWith("dag-scheduler") || thread.startsWith("dispatcher-")
                || thread.startsWith("spark-") || thread.startsWith("task-result-getter")
                || thread.startsWith("block-manager") || thread.contains("heartbeater")
                || thread.startsWith("Spark ") || thread.startsWith("shuffle-")) {
            return "Spark (streaming join)";
        }
        if (thread.contains("kafka") || thread.startsWith("ExpirationReaper") || thread.startsWith("ThrottledChannelReaper")
                || thread.startsWith("controller-event") || thread.startsWith("ReplicaFetcher")
                || thread.startsWith("group-metadata") || thread.startsWith("LogDirFailureHandler")
                || thread.startsWith("transaction-log") || thread.startsWith("TxnMarkerSender")
                || thread.startsWith("executor-") || thread.startsWith("/config/changes")) {
            return "Kafka";
        }
        if (thread.startsWith("GC Thread") || thread.startsWith("G1 ") || thread.equals("VM Thread")) {
            return "GC";
        }
        if (thread.contains("CompilerThread")) {
            return "JIT compiler";
        }
        return "other";
    }
}
