package io.helklab.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StartSignalTest {

    @Test
    void aWaiterContinuesOnceTheServiceSignals() throws Exception {
        StartSignal signal = new StartSignal("Elasticsearch");
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> signal.await(Duration.ofMinutes(5)));
        Thread.sleep(200);
        assertThat(waiter).isNotDone();
        signal.started();
        waiter.get(30, TimeUnit.SECONDS);
        signal.await(Duration.ZERO);
    }

    @Test
    void aFailureReachesAWaiterAtOnceWithTheServiceNamed() {
        StartSignal signal = new StartSignal("Elasticsearch");
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> signal.await(Duration.ofMinutes(5)));
        signal.failed(new IllegalStateException("cluster health stayed RED for 60 s"));
        assertThatThrownBy(() -> waiter.get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class)
                .cause().hasMessage("Elasticsearch failed to start: cluster health stayed RED for 60 s");
    }

    @Test
    void aStopAndATimeoutAreToldApart() {
        StartSignal stopped = new StartSignal("Spark");
        stopped.stopped();
        assertThatThrownBy(() -> stopped.await(Duration.ofMinutes(5))).hasMessage("Spark was stopped while starting");
        assertThatThrownBy(() -> new StartSignal("Spark").await(Duration.ofMillis(50)))
                .hasMessage("Spark is still starting after 50 ms");
    }
}
