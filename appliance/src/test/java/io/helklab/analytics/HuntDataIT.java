package io.helklab.analytics;

import static io.helklab.analytics.HuntSamples.processGuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helklab.HelkLab;
import io.helklab.SharedAppliance;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import scala.collection.JavaConverters;

/** Spark SQL over the nine sample scenarios, indexed through the real Kafka → indexer → Elasticsearch pipeline. */
class HuntDataIT {
    private static HelkLab lab;

    @BeforeAll
    static void loadSamples() throws Exception {
        lab = SharedAppliance.withAllSamples();
    }

    @Test
    void everyChannelIsOneTableAcrossAllDays() {
        Map<String, Long> expected = SampleCatalog.builtIn().stream()
                .flatMap(scenario -> scenario.counts().entrySet().stream())
                .collect(Collectors.groupingBy(entry -> entry.getKey().substring("logs-endpoint-winevent-".length()),
                        Collectors.summingLong(Map.Entry::getValue)));
        assertThat(expected).containsKeys("sysmon", "security", "system", "application", "powershell", "wmiactivity");
        for (Map.Entry<String, Long> channel : expected.entrySet()) {
            long counted = lab.huntData().sql("SELECT count(*) FROM " + channel.getKey()
                    + " WHERE `@timestamp` >= TIMESTAMP '2026-10-05 00:00:00'"
                    + " AND `@timestamp` < TIMESTAMP '2026-10-16 00:00:00'").first().getLong(0);
            assertThat(counted).as("events in table %s", channel.getKey()).isEqualTo(channel.getValue());
        }
        assertThat(lab.huntData().events("SYSMON").columns()).contains("process_guid", "@timestamp", "event_id")
                .doesNotContain("event_original_message");
    }

    @Test
    void everyIndexIsQueryableByItsName() {
        Scenario lsass = SampleCatalog.find("lsass-credential-dumping");
        long sysmonOfTheDay = lsass.counts().get("logs-endpoint-winevent-sysmon");
        assertThat(lab.huntData().sql("SELECT count(*) FROM `logs-endpoint-winevent-sysmon-2026.10.06`").first().getLong(0))
                .isEqualTo(sysmonOfTheDay);
        // Other sessions (notebooks, Spark Connect) see the same index as a global temporary view.
        assertThat(lab.spark().newSession()
                .sql("SELECT count(*) FROM global_temp.`logs-endpoint-winevent-sysmon-2026.10.06`").first().getLong(0))
                .isEqualTo(sysmonOfTheDay);
        assertThat(lab.spark().newSession().sql("SELECT count(*) FROM sysmon_join").first().getLong(0))
                .isGreaterThanOrEqualTo(0);
    }

    @Test
    void anIndexThatAppearsLaterIsRegisteredOnTheNextQuery() throws Exception {
        String record = "{\"@timestamp\":\"2031-01-02T10:00:00Z\",\"EventTime\":\"2031-01-02 10:00:00\","
                + "\"Hostname\":\"LATE01.helk.lab\",\"EventID\":7045,\"Channel\":\"System\","
                + "\"SourceName\":\"Service Control Manager\",\"ServiceName\":\"refreshcheck\"}";
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", lab.kafkaBootstrapServers()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("winlogbeat", record.getBytes(StandardCharsets.UTF_8))).get();
        }
        String index = "logs-endpoint-winevent-system-2031.01.02";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!lab.huntData().refresh().contains(index) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        // The index (and its view) exist from the first bulk request; its document is searchable a refresh later.
        List<Row> rows = List.of();
        while (rows.isEmpty() && System.nanoTime() < deadline) {
            rows = lab.huntData().sql("SELECT host_name, event_id FROM `" + index + "`").collectAsList();
            Thread.sleep(200);
        }
        // NXLog's Hostname is lower-cased by the normaliser, as HELK does.
        assertThat(rows).extracting(row -> row.getString(0)).contains("late01.helk.lab");
        assertThat(lab.huntData().sql("SELECT count(*) FROM system WHERE host_name = 'late01.helk.lab'").first().getLong(0))
                .isPositive();
    }

    @Test
    void aSelectiveQueryReadsOnlyMatchingDocumentsFromElasticsearch() {
        Dataset<Row> lsassReads = lab.huntData().sql("SELECT process_guid, process_path FROM sysmon"
                + " WHERE event_id = 10 AND process_granted_access = 4112 AND host_name = 'wks02.helk.lab'");
        // The plan prints its pushed filters truncated, so the scanned-row count below is the proof that they went down.

        List<Row> rows = lsassReads.collectAsList();
        assertThat(rows).extracting(row -> row.getString(0))
                .containsExactly(processGuid("lsass-credential-dumping", "query and read"));
        // What the scan got from Elasticsearch: the one matching document, not the ~74,000 Sysmon events.
        assertThat(scannedRows(lsassReads)).isEqualTo(1);

        // An analysed text field is filtered in Spark: the answer is SQL's, however Elasticsearch tokenises.
        Dataset<Row> werfault = lab.huntData().sql("SELECT process_guid FROM sysmon WHERE event_id = 1"
                + " AND process_path = 'c:\\\\users\\\\public\\\\libraries\\\\werfault.exe'");
        assertThat(werfault.collectAsList()).extracting(row -> row.getString(0))
                .containsExactly(processGuid("lsass-credential-dumping", "masquerading"));
        assertThat(scannedRows(werfault)).as("only event_id reaches Elasticsearch").isGreaterThan(1);
    }

    /** Rows the Elasticsearch scan produced, from the executed plan's scan metrics. */
    private static long scannedRows(Dataset<Row> executed) {
        SparkPlan plan = executed.queryExecution().executedPlan();
        if (plan instanceof AdaptiveSparkPlanExec adaptive) {
            plan = adaptive.executedPlan();
        }
        return JavaConverters.seqAsJavaList(plan.collectLeaves()).stream()
                .filter(leaf -> leaf.nodeName().contains("Scan"))
                .mapToLong(leaf -> (Long) leaf.metrics().apply("numOutputRows").value())
                .sum();
    }

    static Stream<Arguments> hunts() {
        return Stream.of(
                Arguments.of("encoded-powershell-cradle", "hidden PowerShell",
                        "SELECT process_guid FROM sysmon WHERE event_id = 1 AND process_name = 'powershell.exe'"
                                + " AND process_command_line LIKE '% -enc %' AND #WINDOW#"),
                Arguments.of("lsass-credential-dumping", "masquerading",
                        "SELECT DISTINCT process_guid FROM sysmon WHERE event_id = 10"
                                + " AND target_process_name = 'lsass.exe' AND process_granted_access = 4112 AND #WINDOW#"),
                Arguments.of("mshta-rundll32-proxy", "rundll32.exe loading",
                        "SELECT process_guid FROM sysmon WHERE event_id = 1 AND process_parent_name = 'mshta.exe'"
                                + " AND #WINDOW#"),
                Arguments.of("periodic-beaconing", "beaconing implant",
                        "WITH connections AS (SELECT process_guid, dst_ip_addr, unix_timestamp(`@timestamp`)"
                                + " - unix_timestamp(lag(`@timestamp`) OVER (PARTITION BY process_guid, dst_ip_addr"
                                + " ORDER BY `@timestamp`)) AS gap FROM sysmon WHERE event_id = 3 AND #WINDOW#)"
                                + " SELECT process_guid, stddev(gap) / avg(gap) AS jitter FROM connections"
                                + " GROUP BY process_guid, dst_ip_addr HAVING count(*) >= 50 ORDER BY jitter LIMIT 1"),
                Arguments.of("psexec-lateral-movement", "remote cmd.exe",
                        "SELECT process_guid FROM sysmon WHERE event_id = 1 AND process_parent_name = 'psexesvc.exe'"
                                + " AND #WINDOW#"),
                Arguments.of("remote-thread-injection", "performs the injection",
                        "SELECT process_guid FROM sysmon WHERE event_id = 8 AND process_name <> 'csrss.exe'"
                                + " AND #WINDOW#"),
                Arguments.of("run-key-persistence", "dropper opened",
                        "SELECT process_guid FROM sysmon WHERE event_id = 13"
                                + " AND registry_key_path LIKE '%\\\\\\\\currentversion\\\\\\\\run\\\\\\\\%'"
                                + " AND process_path NOT LIKE 'c:\\\\\\\\users\\\\\\\\public\\\\\\\\onedrive\\\\\\\\%'"
                                + " AND #WINDOW#"),
                Arguments.of("scheduled-task-persistence", "schtasks.exe registering",
                        "SELECT process_guid FROM sysmon WHERE event_id = 1 AND process_name = 'schtasks.exe'"
                                + " AND process_command_line LIKE '%/create%' AND #WINDOW#"),
                Arguments.of("wmi-event-subscription", "consumer firing",
                        "SELECT process_guid FROM sysmon WHERE event_id = 1 AND process_parent_name = 'scrcons.exe'"
                                + " AND #WINDOW#"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hunts")
    void aHuntQueryFindsTheScenariosMaliciousProcess(String scenarioName, String fact, String query) {
        Scenario scenario = SampleCatalog.find(scenarioName);
        String window = "`@timestamp` BETWEEN TIMESTAMP '" + scenario.start().toString().replace('T', ' ')
                .replace("Z", "") + "' AND TIMESTAMP '" + scenario.end().toString().replace('T', ' ').replace("Z", "")
                + "'";
        List<Row> found = lab.huntData().sql(query.replace("#WINDOW#", window)).collectAsList();
        assertThat(found).extracting(row -> row.getString(0)).containsExactly(processGuid(scenarioName, fact));
    }

    @Test
    void theLineageMotifReturnsTheDumpersParentChain() {
        String dumper = processGuid("lsass-credential-dumping", "masquerading");
        List<Row> chains = lab.huntData().processTree().find("(a)-[]->(b); (b)-[]->(c)")
                .where("c.id = '" + dumper + "'")
                .select("a.id", "b.id", "b.process_name", "c.process_name")
                .collectAsList();
        var cmd = HuntSamples.fact("lsass-credential-dumping", "elevated command prompt").match();
        assertThat(chains).hasSize(1);
        assertThat(chains.get(0).getString(0)).isEqualTo(cmd.get("process_parent_guid"));
        assertThat(chains.get(0).getString(1)).isEqualTo(cmd.get("process_guid"));
        assertThat(chains.get(0).getString(2)).isEqualTo("cmd.exe");
        assertThat(chains.get(0).getString(3)).isEqualTo("werfault.exe");
    }

    @Test
    void theNetworkAndLogonGraphsReadTheSameTables() {
        String beacon = processGuid("periodic-beaconing", "beaconing implant");
        Row edge = lab.huntData().processNetwork().edges().where("src = '" + beacon + "'").first();
        assertThat(edge.<String>getAs("dst")).startsWith("198.51.100.68:");
        assertThat(edge.<Long>getAs("count")).isGreaterThanOrEqualTo(121L);

        var logon = HuntSamples.fact("psexec-lateral-movement", "network logon").match();
        List<Row> sessions = lab.huntData().logonProcess().vertices()
                .where("type = 'logon' AND user_logon_id = " + logon.get("user_logon_id")).collectAsList();
        assertThat(sessions).extracting(row -> row.<String>getAs("user_name")).contains("adm-eweber");
    }

    @Test
    void anUnknownChannelIsAClearError() {
        assertThatThrownBy(() -> lab.huntData().events("sysmom"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sysmom").hasMessageContaining("sysmon, security");
    }
}
