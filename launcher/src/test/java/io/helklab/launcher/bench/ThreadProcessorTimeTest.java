package io.helklab.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadProcessorTimeTest {

    @Test
    void aThreadThatComputesIsCountedUnderItsComponent() throws Exception {
        Thread worker = new Thread(ThreadProcessorTimeTest::compute, "helk-indexer-test");
        worker.start();
        Thread.sleep(300);
        Map<String, Double> seconds = ThreadProcessorTime.byComponent(ProcessHandle.current().pid());
        worker.interrupt();
        worker.join();

        assertThat(seconds).containsKey("indexer");
        assertThat(seconds.get("indexer")).as("a busy thread of the indexer's name used the processor").isGreaterThan(0);
        assertThat(List.copyOf(seconds.values())).as("largest first").isSortedAccordingTo((left, right) -> Double.compare(right, left));
    }

    private static void compute() {
        long deadline = System.nanoTime() + 2_000_000_000L;
        long value = 0;
        while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
            value += Long.numberOfTrailingZeros(value + System.nanoTime());
        }
        if (value == 42) {
            System.out.println(value);
        }
    }
}
