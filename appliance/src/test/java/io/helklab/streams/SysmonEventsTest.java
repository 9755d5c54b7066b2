package io.helklab.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The stream's normalising function, without Spark: raw records in, join rows out. */
class SysmonEventsTest {
    private static final Instant TIME = Instant.parse("2030-01-01T10:00:00Z");

    private static Object field(Row row, String name) {
        return row.get(SysmonEvents.SCHEMA.fieldIndex(name));
    }

    @Test
    void aProcessCreationKeepsItsProcessFieldsAsTheIndexerStoresThem() {
        Row row = SysmonEvents.normalize(SysmonRecords.processCreate("6f1d2b7c-3e4a-65e1-0b00-000000000a00", TIME,
                "C:\\Windows\\System32\\cmd.exe", "cmd.exe /c WHOAMI"));
        assertThat(row).isNotNull();
        assertThat(field(row, "event_id")).isEqualTo(1);
        assertThat(field(row, "process_guid")).isEqualTo("6f1d2b7c-3e4a-65e1-0b00-000000000a00");
        assertThat(field(row, "process_name")).isEqualTo("cmd.exe");
        assertThat(field(row, "process_command_line")).isEqualTo("cmd.exe /c whoami");
        assertThat(field(row, "process_parent_name")).isEqualTo("winword.exe");
        assertThat(field(row, "user_logon_id")).isEqualTo(0x5a3e7L);
        assertThat(field(row, "user_name")).isEqualTo("tester");
        assertThat(field(row, "@timestamp")).isEqualTo(java.sql.Timestamp.from(TIME));
        assertThat((String) field(row, "document_id")).isNotEmpty();
        assertThat(field(row, "dst_ip_addr")).isNull();
    }

    @Test
    void aNetworkConnectionKeepsItsTypedEndpoints() {
        Row row = SysmonEvents.normalize(SysmonRecords.networkConnect("6f1d2b7c-3e4a-65e1-0b00-000000000a00", TIME,
                "192.0.2.10", 50001));
        assertThat(field(row, "event_id")).isEqualTo(3);
        assertThat(field(row, "dst_ip_addr")).isEqualTo("192.0.2.10");
        assertThat(field(row, "dst_port")).isEqualTo(443);
        assertThat(field(row, "src_port")).isEqualTo(50001);
        assertThat(field(row, "network_initiated")).isEqualTo(true);
        assertThat(field(row, "process_command_line")).isNull();
    }

    @Test
    void otherEventsAndBadRecordsAreLeftOut() {
        String security = "{\"@timestamp\":\"2030-01-01T10:00:00Z\",\"winlog\":{\"channel\":\"Security\","
                + "\"event_id\":4624,\"computer_name\":\"DC01\",\"event_data\":{\"TargetUserName\":\"x\"}}}";
        assertThat(SysmonEvents.normalize(security.getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(SysmonEvents.normalize("not json".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(SysmonEvents.normalize(null)).isNull();
    }
}
