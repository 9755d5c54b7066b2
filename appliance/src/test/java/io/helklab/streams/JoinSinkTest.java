package io.helklab.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JoinSinkTest {

    @TempDir
    Path checkpoint;

    private JoinSink sink() {
        return new JoinSink(() -> "http://127.0.0.1:9", () -> "127.0.0.1:9", "SYSMON_JOIN", checkpoint);
    }

    @Test
    void aBatchWaitingForTheLockGivesUpOnceTheQueryIsStoppedEvenWithoutAnInterrupt() throws Exception {
        JoinSink sink = sink();
        AtomicBoolean stopped = new AtomicBoolean();
        sink.stoppedWhen(stopped::get);
        sink.lock().lock(); // what the service's close() holds while it stops the query
        try {
            CompletableFuture<Void> batch = CompletableFuture.runAsync(() -> {
                try {
                    sink.call(null, 7L);
                } catch (Exception failure) {
                    throw new java.util.concurrent.CompletionException(failure);
                }
            });
            Thread.sleep(300);
            assertThat(batch).as("waits while the query runs").isNotDone();
            stopped.set(true);
            assertThatThrownBy(() -> batch.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(InterruptedException.class)
                    .hasMessageContaining("batch 7").hasMessageContaining("replayed");
        } finally {
            sink.lock().unlock();
        }
        assertThat(sink.lastBatchId()).isEqualTo(-1);
    }
}
