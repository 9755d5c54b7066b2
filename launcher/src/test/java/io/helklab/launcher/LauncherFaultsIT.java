package io.helklab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.home.HomeLock;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad flags and busy ports fail fast, with a message that says what to do, and leave nothing running. */
class LauncherFaultsIT {

    @Test
    void anUnknownFlagPrintsUsageAndExits2(@TempDir Path work) throws Exception {
        try (JarProcess jar = JarProcess.start(JarProcess.currentJava(), work, "--kafka-prot", "9092")) {
            assertThat(jar.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(jar.stderr()).contains("Unknown option", "'--kafka-prot'", "Possible solutions: --kafka-port", "Usage: helk-lab");
        }
    }

    @Test
    void aBadValueNamesTheFlag(@TempDir Path work) throws Exception {
        try (JarProcess jar = JarProcess.start(JarProcess.currentJava(), work, "--es-port", "ninety")) {
            assertThat(jar.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(jar.stderr()).contains("--es-port", "ninety");
        }
    }

    @Test
    void aBusyPortNamesThePortAndItsFlagAndNothingKeepsRunning(@TempDir Path work) throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = busy.getLocalPort();
            try (JarProcess jar = JarProcess.start(JarProcess.currentJava(), work, "--home", work.resolve("home").toString(),
                    "--http-port", Integer.toString(port), "--es-port", "0", "--kafka-port", "0", "--zk-port", "0")) {
                assertThat(jar.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
                assertThat(jar.stderr()).contains("127.0.0.1:" + port + " (address in use)", "--http-port");
                assertThat(jar.process().descendants().count()).isZero();
            }
        }
    }

    @Test
    void aSecondStartOnARunningHomeNamesTheRunningLabBeforeAnyBusyPort(@TempDir Path work) throws Exception {
        Path home = work.resolve("home");
        try (HomeLock running = HomeLock.acquire(home); ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = busy.getLocalPort();
            try (JarProcess jar = JarProcess.start(JarProcess.currentJava(), work, "--home", home.toString(),
                    "--http-port", Integer.toString(port), "--es-port", "0", "--kafka-port", "0", "--zk-port", "0")) {
                assertThat(jar.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
                assertThat(jar.stderr()).contains("Another HELK lab (pid " + ProcessHandle.current().pid() + ")")
                        .doesNotContain("address in use");
            }
        }
    }
}
