package io.helklab.ingest.normalize;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Single-thread throughput of {@link EventNormalizer#normalize(byte[])} over the realistic test records
 * (every Sysmon event id in Winlogbeat 7 shape, plus NXLog, flat and Security records). Run it with the test
 * classpath: {@code java -cp <test-classes>:<classes>:<deps> io.helklab.ingest.normalize.NormalizerBenchmark
 * [seconds per round]}. It prints figures only; nothing asserts on time.
 *
 * <p>The machine is shared, so besides wall-clock throughput it reports throughput per second of this
 * thread's CPU time, which is what the normaliser costs the indexer whatever else runs.
 */
public final class NormalizerBenchmark {

    private NormalizerBenchmark() {
    }

    public static void main(String[] arguments) {
        double secondsPerRound = arguments.length > 0 ? Double.parseDouble(arguments[0]) : 3;
        List<byte[]> records = new ArrayList<>(TestRecords.lines("sysmon-winlogbeat7.jsonl"));
        List<byte[]> sysmonOnly = List.copyOf(records);
        records.add(TestRecords.resource("nxlog-sysmon-3.json"));
        records.add(TestRecords.resource("flat-sysmon-10.json"));
        records.addAll(TestRecords.lines("security-winlogbeat7.jsonl"));

        EventNormalizer normalizer = new EventNormalizer(Clock.systemUTC());
        System.out.println("warming up…");
        for (int round = 0; round < 3; round++) {
            run(normalizer, records, secondsPerRound);
            run(normalizer, sysmonOnly, secondsPerRound);
        }
        report("Sysmon (Winlogbeat 7, 26 event ids)", normalizer, sysmonOnly, secondsPerRound);
        report("mixed formats and channels", normalizer, records, secondsPerRound);
    }

    private static void report(String name, EventNormalizer normalizer, List<byte[]> records, double seconds) {
        long bytes = 0;
        for (byte[] record : records) {
            bytes += record.length;
        }
        double averageSize = (double) bytes / records.size();
        double[] best = {0, 0};
        for (int round = 0; round < 3; round++) {
            double[] result = run(normalizer, records, seconds);
            best[0] = Math.max(best[0], result[0]);
            best[1] = Math.max(best[1], result[1]);
        }
        System.out.printf(Locale.ROOT, "%s: %d records, average %.0f bytes:%n"
                        + "  %.0f events per CPU-second of one thread (%.1f µs of CPU per event, %.1f MB/s of input)%n"
                        + "  %.0f events per wall-clock second on this (shared) machine%n",
                name, records.size(), averageSize, best[1], 1e6 / best[1], best[1] * averageSize / 1e6, best[0]);
    }

    /**
     * Events per wall-clock second and per CPU second over one round; the checksum keeps the JIT from
     * dropping the work.
     */
    private static double[] run(EventNormalizer normalizer, List<byte[]> records, double seconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long events = 0;
        long checksum = 0;
        while (System.nanoTime() < deadline) {
            for (byte[] record : records) {
                checksum += normalizer.normalize(record).source().length;
            }
            events += records.size();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        if (checksum == 42) {
            System.out.println("unlikely checksum");
        }
        return new double[] {events / elapsed, events / cpu};
    }
}
