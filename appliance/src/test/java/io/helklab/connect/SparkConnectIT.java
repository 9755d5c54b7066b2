package io.helklab.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helklab.HelkLab;
import io.helklab.SharedAppliance;
import io.helklab.analytics.HuntSamples;
import io.helklab.samples.SampleCatalog;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Spark Connect on the shared appliance, queried by a client in another JVM. */
class SparkConnectIT {
    private static HelkLab lab;

    @BeforeAll
    static void loadSamples() throws Exception {
        lab = SharedAppliance.withAllSamples();
    }

    @Test
    void aClientInAnotherJvmQueriesTheHuntTables() throws Exception {
        SparkConnectServer connect = lab.sparkConnect();
        assertThat(connect.url()).isEqualTo("sc://127.0.0.1:" + connect.boundPort());
        long sysmonOfTheDay = SampleCatalog.find("lsass-credential-dumping").counts().get("logs-endpoint-winevent-sysmon");

        List<List<String>> results = runClient(connect.boundPort(),
                "SELECT process_path, count(*) FROM sysmon WHERE event_id = 10 AND process_granted_access = 4112"
                        + " GROUP BY process_path",
                "SELECT count(*) FROM global_temp.`logs-endpoint-winevent-sysmon-2026.10.06`",
                "SHOW TABLES IN default");

        assertThat(results.get(0)).containsExactly("c:\\users\\public\\libraries\\werfault.exe\t1");
        assertThat(results.get(1)).containsExactly(Long.toString(sysmonOfTheDay));
        assertThat(results.get(2)).anyMatch(row -> row.contains("\tsysmon\t"))
                .anyMatch(row -> row.contains("\tsysmon_join\t"));
    }

    @Test
    void theServerListensOnLoopbackOnly() throws Exception {
        SparkConnectServer connect = lab.sparkConnect();
        assertThat(lab.health().get("spark-connect").address()).isEqualTo("127.0.0.1:" + connect.boundPort());
        try (Socket loopback = new Socket()) {
            loopback.connect(new InetSocketAddress("127.0.0.1", connect.boundPort()), 2000);
        }
        List<InetAddress> others = new ArrayList<>();
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    others.add(address);
                }
            }
        }
        for (InetAddress address : others) {
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, connect.boundPort()), 2000);
                }
            }).as("connecting through %s", address).isInstanceOf(IOException.class);
        }
    }

    /** Runs {@link ConnectQueryClient} in a child JVM with the test class path; one row list per query. */
    private static List<List<String>> runClient(int port, String... queries) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("--add-opens") || option.startsWith("-XX:+IgnoreUnrecognized")) {
                command.add(option);
            }
        }
        command.add("-Xmx512m");
        command.add("-Dlog4j2.configurationFile=log4j2-test.xml");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ConnectQueryClient.class.getName());
        command.add("127.0.0.1");
        command.add(Integer.toString(port));
        command.addAll(List.of(queries));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("client exit status; stderr: %s", errors).isZero();
        List<List<String>> results = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.equals(ConnectQueryClient.END_OF_RESULT)) {
                results.add(current);
                current = new ArrayList<>();
            } else if (!line.isEmpty()) {
                current.add(line);
            }
        }
        assertThat(results).as("client output: %s; stderr: %s", output, errors).hasSize(queries.length);
        return results;
    }
}
