package io.helklab.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServiceGroupTest {
    private final List<String> events = new CopyOnWriteArrayList<>();

    /** A hand-written fake that records its lifecycle. */
    private class RecordingService implements Service {
        private final String name;
        private final RuntimeException startFailure;
        private volatile ServiceStatus status = ServiceStatus.STARTING;

        RecordingService(String name, RuntimeException startFailure) {
            this.name = name;
            this.startFailure = startFailure;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start() {
            events.add("start " + name);
            if (startFailure != null) {
                throw startFailure;
            }
            status = ServiceStatus.UP;
        }

        @Override
        public ServiceHealth health() {
            return ServiceHealth.of(status, "127.0.0.1:1");
        }

        @Override
        public void close() {
            events.add("stop " + name);
            status = ServiceStatus.DOWN;
        }
    }

    @Test
    void startsDependenciesFirstAndStopsInReverse() {
        RecordingService zookeeper = new RecordingService("zookeeper", null);
        RecordingService kafka = new RecordingService("kafka", null);
        RecordingService indexer = new RecordingService("indexer", null);
        ServiceGroup group = ServiceGroup.builder().add(zookeeper).add(kafka, zookeeper).add(indexer, kafka).build();

        group.start(ServiceGroup.StartListener.NONE);
        assertThat(events).containsExactly("start zookeeper", "start kafka", "start indexer");
        assertThat(group.startDurations()).containsOnlyKeys("zookeeper", "kafka", "indexer");

        events.clear();
        group.close();
        assertThat(events).containsExactly("stop indexer", "stop kafka", "stop zookeeper");
        assertThat(group.state()).isEqualTo(ServiceGroup.State.STOPPED);
    }

    @Test
    void aServiceRegisteredLaterStopsFirstEvenWhenItWasUpFirst() throws Exception {
        CountDownLatch streamsUp = new CountDownLatch(1);
        RecordingService elasticsearch = new RecordingService("elasticsearch", null) {
            @Override
            public void start() {
                try {
                    // Independent of the streams at start, but slower: it comes up second.
                    streamsUp.await();
                } catch (InterruptedException interrupted) {
                    throw new IllegalStateException(interrupted);
                }
                super.start();
            }
        };
        RecordingService spark = new RecordingService("spark", null);
        RecordingService streams = new RecordingService("streams", null) {
            @Override
            public void start() {
                super.start();
                streamsUp.countDown();
            }
        };
        ServiceGroup group = ServiceGroup.builder().add(elasticsearch).add(spark).add(streams, spark).build();

        group.start(ServiceGroup.StartListener.NONE);
        assertThat(events).containsSubsequence("start streams", "start elasticsearch");

        events.clear();
        group.close();
        assertThat(events).containsExactly("stop streams", "stop spark", "stop elasticsearch");
    }

    @Test
    void aFailedStartUnwindsWhatStartedAndStartsNothingDependent() {
        RecordingService zookeeper = new RecordingService("zookeeper", null);
        RecordingService kafka = new RecordingService("kafka", new IllegalStateException("log directory is not writable"));
        RecordingService indexer = new RecordingService("indexer", null);
        ServiceGroup group = ServiceGroup.builder().logHint("/tmp/x/logs/helk-lab.log")
                .add(zookeeper).add(kafka, zookeeper).add(indexer, kafka).build();

        assertThatThrownBy(() -> group.start(ServiceGroup.StartListener.NONE))
                .isInstanceOf(ServiceStartException.class)
                .hasMessage("Kafka failed to start: log directory is not writable. Everything else was stopped; "
                        + "details are in /tmp/x/logs/helk-lab.log.")
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(events).doesNotContain("start indexer");
        assertThat(events).containsSubsequence("start zookeeper", "start kafka", "stop kafka", "stop zookeeper");
        assertThat(group.state()).isEqualTo(ServiceGroup.State.STOPPED);
    }

    @Test
    void refusesADependencyThatWasNotAddedFirst() {
        RecordingService zookeeper = new RecordingService("zookeeper", null);
        RecordingService kafka = new RecordingService("kafka", null);
        assertThatThrownBy(() -> ServiceGroup.builder().add(kafka, zookeeper))
                .hasMessageContaining("kafka depends on zookeeper, which was not added before it");
    }

    @Test
    void cannotStartTwice() {
        ServiceGroup group = ServiceGroup.builder().add(new RecordingService("a", null)).build();
        group.start(ServiceGroup.StartListener.NONE);
        assertThatThrownBy(() -> group.start(ServiceGroup.StartListener.NONE)).isInstanceOf(IllegalStateException.class);
        group.close();
    }

    /** A service whose start waits until the test lets it finish. */
    private class BlockedService extends RecordingService {
        final CountDownLatch starting = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        BlockedService(String name) {
            super(name, null);
        }

        @Override
        public void start() {
            starting.countDown();
            try {
                release.await();
            } catch (InterruptedException interrupted) {
                throw new IllegalStateException(interrupted);
            }
            super.start();
        }
    }

    @Test
    void aCloseWhileStartingStopsWhatComesUpLaterAndTheGroupNeverRuns() throws Exception {
        RecordingService zookeeper = new RecordingService("zookeeper", null);
        BlockedService kafka = new BlockedService("kafka");
        ServiceGroup group = ServiceGroup.builder().add(zookeeper).add(kafka, zookeeper).build();
        CompletableFuture<Void> starting = CompletableFuture.runAsync(() -> group.start(ServiceGroup.StartListener.NONE));
        assertThat(kafka.starting.await(10, TimeUnit.SECONDS)).isTrue();

        group.close();
        assertThat(events).containsExactly("start zookeeper", "stop zookeeper");
        kafka.release.countDown();

        assertThatThrownBy(() -> starting.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed while it was starting");
        assertThat(events).containsExactly("start zookeeper", "stop zookeeper", "start kafka", "stop kafka");
        assertThat(group.state()).isEqualTo(ServiceGroup.State.STOPPED);
    }

    @Test
    void servicesAfterReadyStartLaterAndTheirFailureIsNotFatal() {
        RecordingService elasticsearch = new RecordingService("elasticsearch", null);
        RecordingService door = new RecordingService("http", null);
        RecordingService kibana = new RecordingService("kibana", new IllegalStateException("no bin/kibana"));
        RecordingService dashboards = new RecordingService("dashboards", null);
        RecordingService jupyter = new RecordingService("jupyter", null);
        ServiceGroup group = ServiceGroup.builder().add(elasticsearch).add(door, elasticsearch)
                .addAfterReady(kibana, elasticsearch).addAfterReady(dashboards, kibana).addAfterReady(jupyter, door)
                .build();
        List<String> failed = new ArrayList<>();

        group.start(ServiceGroup.StartListener.NONE);
        assertThat(events).containsExactly("start elasticsearch", "start http");
        assertThat(group.health()).containsOnlyKeys("elasticsearch", "http", "kibana", "dashboards", "jupyter");
        assertThat(group.afterReadyServices()).containsExactly("kibana", "dashboards", "jupyter");

        group.startAfterReady(new ServiceGroup.StartListener() {
            @Override
            public void failed(Service service, Throwable cause) {
                failed.add(service.name() + ": " + cause.getMessage());
            }
        });
        assertThat(events).contains("start kibana", "start jupyter").doesNotContain("start dashboards");
        assertThat(failed).containsExactly("kibana: no bin/kibana");
        assertThat(group.state()).isEqualTo(ServiceGroup.State.RUNNING);

        events.clear();
        group.close();
        assertThat(events).containsExactly("stop jupyter", "stop kibana", "stop http", "stop elasticsearch");
    }

    @Test
    void aServiceOfTheReadyBlockCannotDependOnOneAfterReady() {
        RecordingService jupyter = new RecordingService("jupyter", null);
        RecordingService door = new RecordingService("http", null);
        assertThatThrownBy(() -> ServiceGroup.builder().addAfterReady(jupyter).add(door, jupyter))
                .hasMessageContaining("http starts before the ready block but depends on jupyter, which starts after it");
    }

    @Test
    void servicesAfterReadyWaitUntilTheGroupRuns() {
        ServiceGroup group = ServiceGroup.builder().addAfterReady(new RecordingService("jupyter", null)).build();
        assertThatThrownBy(() -> group.startAfterReady(ServiceGroup.StartListener.NONE))
                .hasMessageContaining("once the group runs");
    }
}
