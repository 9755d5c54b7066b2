package io.helklab.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuBreakdownTest {

    private static String dump(double indexer, double write, double gc) {
        return String.format(Locale.ROOT, """
                "helk-indexer" #45 daemon prio=5 os_prio=0 cpu=%.2fms elapsed=78.90s tid=0x00007f nid=0x1a2b runnable  [0x00007f]
                   java.lang.Thread.State: RUNNABLE
                "elasticsearch[node][write][T#1]" #60 daemon prio=5 os_prio=0 cpu=%.2fms elapsed=70.00s tid=0x00007e nid=0x1a2c waiting on condition  [0x00007e]
                "GC Thread#0" os_prio=0 cpu=%.2fms elapsed=80.00s tid=0x00007d nid=0x1a2d runnable
                """, indexer, write, gc);
    }

    @Test
    void cpuSpentBetweenTwoDumpsIsSummedPerGroup() {
        ThreadCpuBreakdown before = ThreadCpuBreakdown.parse(dump(1000, 2000, 500));
        ThreadCpuBreakdown after = ThreadCpuBreakdown.parse(dump(4000, 2500, 1500)
                + "\"Executor task launch worker for task 0.0 in stage 3.0 (TID 7)\" #90 daemon prio=5 os_prio=0"
                + " cpu=700.00ms elapsed=1.00s tid=0x00007c nid=0x1a2e runnable\n");

        Map<String, Double> seconds = after.secondsSince(before);

        assertThat(seconds).containsOnlyKeys(ThreadCpuBreakdown.GROUPS);
        assertThat(seconds.get("indexer")).isCloseTo(3.0, within(1e-9));
        assertThat(seconds.get("Elasticsearch write")).isCloseTo(0.5, within(1e-9));
        assertThat(seconds.get("GC")).isCloseTo(1.0, within(1e-9));
        assertThat(seconds.get("Spark (streaming join)")).isCloseTo(0.7, within(1e-9));
        assertThat(seconds.get("Kafka")).isZero();
    }

    @Test
    void threadsAreGroupedByTheNamesTheirLibrariesGiveThem() {
        assertThat(ThreadCpuBreakdown.group("kafka-coordinator-heartbeat-thread | helk-lab-indexer")).isEqualTo("indexer");
        assertThat(ThreadCpuBreakdown.group("data-plane-kafka-request-handler-0")).isEqualTo("Kafka");
        assertThat(ThreadCpuBreakdown.group("elasticsearch[helk-lab][refresh][T#1]")).isEqualTo("Elasticsearch other");
        assertThat(ThreadCpuBreakdown.group("stream execution thread for sysmon_join [id = 1]"))
                .isEqualTo("Spark (streaming join)");
        assertThat(ThreadCpuBreakdown.group("C2 CompilerThread0")).isEqualTo("JIT compiler");
        assertThat(ThreadCpuBreakdown.group("XNIO-1 I/O-1")).isEqualTo("other");
    }
}
