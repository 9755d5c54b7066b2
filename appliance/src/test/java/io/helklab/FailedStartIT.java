package io.helklab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helklab.config.Component;
import io.helklab.config.HelkLabConfig;
import io.helklab.home.HomeInUseException;
import io.helklab.service.PortInUseException;
import io.helklab.service.ServiceStartException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults at start: a failing service, a busy port, a home in use. */
class FailedStartIT {

    @Test
    void aServiceThatFailsStopsEverythingElseAndLeavesNoThreads(@TempDir Path home) throws Exception {
        Set<Thread> before = nonDaemonThreads();
        // A file where Elasticsearch's data directory belongs makes it fail while ZooKeeper and Kafka start.
        Files.createDirectories(home.resolve("data"));
        Files.writeString(home.resolve("data/elasticsearch"), "not a directory");
        HelkLabConfig config = HelkLabConfig.ephemeral(home)
                .withComponents(Set.of(Component.KAFKA, Component.ELASTICSEARCH));

        HelkLab lab = HelkLab.create(config);
        assertThatThrownBy(lab::start)
                .isInstanceOf(ServiceStartException.class)
                .hasMessageStartingWith("Elasticsearch failed to start: ")
                .hasMessageContaining(home.resolve("logs/helk-lab.log").toString());

        Set<Thread> leftOver = nonDaemonThreads();
        leftOver.removeAll(before);
        leftOver.removeIf(thread -> !thread.isAlive());
        assertThat(leftOver.stream().map(Thread::getName).collect(Collectors.toList())).isEmpty();
        assertThat(Files.exists(home.resolve("run/helk-lab.pid"))).isFalse();
        // The home is free again: a corrected start works.
        Files.delete(home.resolve("data/elasticsearch"));
        try (HelkLab again = HelkLab.create(config).start()) {
            assertThat(again.elasticsearchUrl()).startsWith("http://127.0.0.1:");
        }
    }

    @Test
    void aBusyPortNamesThePortAndTheFlag(@TempDir Path home) throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = busy.getLocalPort();
            HelkLabConfig config = HelkLabConfig.ephemeral(home)
                    .withComponents(Set.of(Component.KAFKA))
                    .withKafka(io.helklab.config.KafkaConfig.defaults().withPort(port));
            assertThatThrownBy(() -> HelkLab.create(config).start())
                    .isInstanceOf(PortInUseException.class)
                    .hasMessage("Kafka could not bind 127.0.0.1:" + port + " (address in use). Stop whatever uses port "
                            + port + " or pass --kafka-port <another port> (--kafka-port 0 picks a free one).");
        }
    }

    @Test
    void aSecondApplianceOnTheSameHomeIsRefusedWithThePid(@TempDir Path home) {
        HelkLabConfig config = HelkLabConfig.ephemeral(home).withComponents(Set.of(Component.ZOOKEEPER));
        try (HelkLab first = HelkLab.create(config).start()) {
            assertThatThrownBy(() -> HelkLab.create(config).start())
                    .isInstanceOf(HomeInUseException.class)
                    .hasMessageContaining("(pid " + ProcessHandle.current().pid() + ")")
                    .hasMessageContaining("pass a different --home");
        }
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !thread.isDaemon())
                .collect(Collectors.toSet());
    }
}
