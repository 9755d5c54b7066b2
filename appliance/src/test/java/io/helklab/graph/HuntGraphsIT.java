package io.helklab.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.graphframes.GraphFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ready-made graphs on small HELK-shaped events: host WKS01, alice's logon 12345 starting
 * explorer(1) -> cmd(2) -> powershell(3) -> whoami(4, logged twice) and cmd(2) -> net(5); explorer's parent
 * userinit(0) is never logged; smss(9) has no known parent and runs in SYSTEM's logon 999.
 */
class HuntGraphsIT {

    private static SparkSession spark;
    private static Dataset<Row> sysmon;
    private static Dataset<Row> security;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("HuntGraphsIT");
        sysmon = jsonLines("sysmon-small.json");
        security = jsonLines("security-small.json");
    }


    @Test
    void processTreeLineageMotifGivesTheRightChains() {
        GraphFrame tree = HuntGraphs.processTree(sysmon);

        Dataset<Row> chains = tree.find("(a)-[]->(b); (b)-[]->(c)");

        assertThat(HuntGraphMotifIT.ids(chains, "a", "b", "c")).containsExactlyInAnyOrder(
                List.of(guid(0), guid(1), guid(2)), List.of(guid(1), guid(2), guid(3)),
                List.of(guid(1), guid(2), guid(5)), List.of(guid(2), guid(3), guid(4)));
        assertThat(chains.where("c.process_name = 'whoami.exe'").first().<Row>getAs("a").<String>getAs("process_name"))
                .isEqualTo("cmd.exe");
    }

    @Test
    void processTreeHasOneVertexPerProcessAndCompletesUnseenParents() {
        GraphFrame tree = HuntGraphs.processTree(sysmon);

        assertThat(tree.vertices().columns()).containsExactly("id", "process_name", "process_path",
                "process_command_line", "process_id", "user_name", "host_name", "time");
        Map<String, Row> vertices = byId(tree.vertices());
        assertThat(vertices).containsOnlyKeys(guid(0), guid(1), guid(2), guid(3), guid(4), guid(5), guid(9));
        Row powershell = vertices.get(guid(3));
        assertThat(powershell.<String>getAs("process_command_line")).isEqualTo("powershell.exe /c step3");
        assertThat(powershell.<Long>getAs("process_id")).isEqualTo(1003L);
        assertThat(powershell.<String>getAs("user_name")).isEqualTo("alice");
        assertThat(powershell.<Timestamp>getAs("time").toInstant()).isEqualTo(Instant.parse("2024-03-01T10:02:00Z"));
        Row userinit = vertices.get(guid(0));
        assertThat(userinit.<String>getAs("process_name")).isEqualTo("userinit.exe");
        assertThat(userinit.<Long>getAs("process_id")).isEqualTo(1000L);
        assertThat(userinit.<String>getAs("host_name")).isEqualTo("WKS01.corp.local");
        assertThat(userinit.<Object>getAs("time")).isNull();

        List<Row> edges = tree.edges().collectAsList();
        assertThat(tree.edges().columns()).containsExactly("src", "dst", "time");
        assertThat(edges).extracting(row -> row.getString(0) + "->" + row.getString(1)).containsExactlyInAnyOrder(
                guid(0) + "->" + guid(1), guid(1) + "->" + guid(2), guid(2) + "->" + guid(3),
                guid(3) + "->" + guid(4), guid(2) + "->" + guid(5));
    }

    @Test
    void processTreeToleratesMissingOptionalColumns() {
        Dataset<Row> sparse = sysmon.select("event_id", "process_guid", "process_parent_guid", "process_name");

        GraphFrame tree = HuntGraphs.processTree(sparse);

        assertThat(tree.find("(a)-[]->(b); (b)-[]->(c)").count()).isEqualTo(4);
        Row cmd = byId(tree.vertices()).get(guid(2));
        assertThat(cmd.<String>getAs("process_name")).isEqualTo("cmd.exe");
        assertThat(cmd.<Object>getAs("process_command_line")).isNull();
        assertThat(cmd.<Object>getAs("time")).isNull();
    }

    @Test
    void missingRequiredColumnIsNamed() {
        assertThatThrownBy(() -> HuntGraphs.processTree(sysmon.drop("process_guid")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no 'process_guid' column");
        assertThatThrownBy(() -> HuntGraphs.processNetwork(sysmon.drop("event_id")))
                .hasMessageContaining("no 'event_id' column");
    }

    @Test
    void processNetworkLinksProcessesToDestinationsWithCounts() {
        GraphFrame network = HuntGraphs.processNetwork(sysmon);

        Map<String, Row> vertices = byId(network.vertices());
        assertThat(vertices).containsOnlyKeys(guid(3), guid(4), guid(5), "10.0.0.5:443", "10.0.0.5:80",
                "10.0.0.5:445", "[fe80::1]:53");
        assertThat(vertices.get(guid(3)).<String>getAs("type")).isEqualTo("process");
        assertThat(vertices.get("[fe80::1]:53").<String>getAs("type")).isEqualTo("destination");
        assertThat(vertices.get("[fe80::1]:53").<Long>getAs("dst_port")).isEqualTo(53L);

        Row https = network.find("(p)-[c]->(d)").where("d.dst_port = 443").first();
        Row connection = https.getAs("c");
        assertThat(https.<Row>getAs("p").<String>getAs("process_name")).isEqualTo("powershell.exe");
        assertThat(connection.<Long>getAs("count")).isEqualTo(2L);
        assertThat(connection.<String>getAs("network_protocol")).isEqualTo("tcp");
        assertThat(connection.<Boolean>getAs("network_initiated")).isTrue();
        assertThat(connection.<Timestamp>getAs("time").toInstant()).isEqualTo(Instant.parse("2024-03-01T10:05:00Z"));
        assertThat(connection.<Timestamp>getAs("last_time").toInstant())
                .isEqualTo(Instant.parse("2024-03-01T10:06:00Z"));
        assertThat(network.edges().count()).isEqualTo(4);
    }

    @Test
    void logonProcessJoinsLogonSessionsToTheirProcessesOnTheSameHost() {
        GraphFrame sessions = HuntGraphs.logonProcess(security, sysmon);

        Map<String, Row> vertices = byId(sessions.vertices());
        assertThat(vertices).hasSize(9)
                .containsKeys("logon:wks01.corp.local:12345", "logon:wks01.corp.local:999", "logon:wks02.corp.local:12345");
        Row alice = vertices.get("logon:wks01.corp.local:12345");
        assertThat(alice.<String>getAs("type")).isEqualTo("logon");
        assertThat(alice.<Long>getAs("logon_type")).isEqualTo(2L);
        assertThat(alice.<String>getAs("src_ip_addr")).isEqualTo("10.0.0.9");
        assertThat(vertices.get(guid(3)).<Long>getAs("user_logon_id")).isEqualTo(12345L);

        Dataset<Row> started = sessions.find("(logon)-[]->(process)");
        Map<String, List<String>> processesByLogon = started.collectAsList().stream().collect(Collectors.groupingBy(
                row -> row.<Row>getAs("logon").<String>getAs("id"),
                Collectors.mapping(row -> row.<Row>getAs("process").<String>getAs("process_name"), Collectors.toList())));
        assertThat(processesByLogon).containsOnlyKeys("logon:wks01.corp.local:12345", "logon:wks01.corp.local:999");
        assertThat(processesByLogon.get("logon:wks01.corp.local:12345"))
                .containsExactlyInAnyOrder("explorer.exe", "cmd.exe", "powershell.exe", "whoami.exe", "net.exe");
        assertThat(processesByLogon.get("logon:wks01.corp.local:999")).containsExactly("smss.exe");
    }

    private static String guid(int number) {
        return "5e1b0000-0000-0000-0000-00000000000" + number;
    }

    private static Map<String, Row> byId(Dataset<Row> vertices) {
        return vertices.collectAsList().stream().collect(Collectors.toMap(row -> row.getAs("id"), row -> row));
    }

    private static Dataset<Row> jsonLines(String resource) {
        try (InputStream stream = HuntGraphsIT.class.getResourceAsStream(resource)) {
            if (stream == null) {
                throw new IllegalStateException("Test resource io/helklab/graph/" + resource + " is missing");
            }
            List<String> lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)).lines().toList();
            return spark.read().json(spark.createDataset(lines, Encoders.STRING()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
