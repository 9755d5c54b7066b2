package io.helklab.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Values that do not fit their typed field must not make Elasticsearch reject the event: the typed field is
 * omitted, the raw value kept in {@code <field>_orig}, and {@code event_parse_warnings} says what happened.
 */
class TypedValuesTest {

    private final EventNormalizer normalizer = new EventNormalizer(TestRecords.CLOCK);

    @Test
    void nonNumericProcessIdIsKeptRawAndDoesNotFallBackToTheHeaderPid() {
        NormalizedEvent event = normalizer.normalize(SysmonRecordBuilder.winlogbeat7(1, Map.of("ProcessId", "n/a")));

        assertThat(event.disposition()).isEqualTo(Disposition.CHANNEL);
        assertThat(event.fields()).doesNotContainKey("process_id")
                .containsEntry("process_id_orig", "n/a")
                .containsEntry("event_parse_warnings",
                        List.of("process_id: 'n/a' is not a decimal or 0x-hexadecimal integer; kept in process_id_orig"));
    }

    @Test
    void invalidIpLiteralsAreKeptRaw() {
        NormalizedEvent event = normalizer.normalize(SysmonRecordBuilder.winlogbeat7(3, Map.of(
                "SourceIp", "10.0.0.300",
                "DestinationIp", "evil.example.com",
                "DestinationPort", "0x1bb",
                "Initiated", "maybe")));

        assertThat(event.disposition()).isEqualTo(Disposition.CHANNEL);
        assertThat(TestRecords.normalised(event.fields())).doesNotContainKeys("src_ip_addr", "dst_ip_addr",
                        "network_initiated")
                .containsEntry("src_ip_addr_orig", "10.0.0.300")
                .containsEntry("dst_ip_addr_orig", "evil.example.com")
                .containsEntry("network_initiated_orig", "maybe")
                .containsEntry("dst_port", 443L);
        assertThat((List<?>) event.fields().get("event_parse_warnings")).hasSize(3);
    }

    @Test
    void portsOutsideTheirRangeAreKeptRaw() {
        NormalizedEvent event = normalizer.normalize(SysmonRecordBuilder.winlogbeat7(3, Map.of(
                "SourcePort", "99999", "DestinationPort", "65535")));

        assertThat(TestRecords.normalised(event.fields())).doesNotContainKey("src_port")
                .containsEntry("src_port_orig", "99999")
                .containsEntry("dst_port", 65535L);
    }

    @Test
    void grantedAccessAndDatesThatDoNotParse() {
        NormalizedEvent access = normalizer.normalize(SysmonRecordBuilder.winlogbeat7(10,
                Map.of("GrantedAccess", "PROCESS_ALL_ACCESS")));
        NormalizedEvent file = normalizer.normalize(SysmonRecordBuilder.winlogbeat7(11,
                Map.of("CreationUtcTime", "31/12/2023 10:00")));

        assertThat(access.fields()).doesNotContainKey("process_granted_access")
                .containsEntry("process_granted_access_orig", "PROCESS_ALL_ACCESS");
        assertThat(file.fields()).doesNotContainKey("file_creation_time")
                .containsEntry("file_creation_time_orig", "31/12/2023 10:00");
    }

    @Test
    void hashesWithoutPairsAndRuleNameWithoutPairs() {
        Map<String, Object> fields = normalizer.normalize(SysmonRecordBuilder.winlogbeat7(1,
                Map.of("Hashes", "2B8F7D3F0E1B5F0B6C4F1E2D3C4B5A697887A6B5", "RuleName", "Suspicious PowerShell"))).fields();

        assertThat(fields).containsEntry("hash_orig", "2B8F7D3F0E1B5F0B6C4F1E2D3C4B5A697887A6B5")
                .containsEntry("rule_name", "Suspicious PowerShell")
                .doesNotContainKeys("hash_sha1");
    }

    @Test
    void fieldNamesElasticsearchWouldRejectAreMadeSafe() {
        String record = "{\"@timestamp\":\"2024-03-01T12:00:00Z\",\"Channel\":\"Application\",\"EventID\":1,"
                + "\"_id\":\"x\",\"a.b\":\"y\",\"\":\"z\",\"Nested\":{\"k\":[1,{\"m\":2}]}}";
        Map<String, Object> fields = normalizer.normalize(record.getBytes(StandardCharsets.UTF_8)).fields();

        assertThat(fields).containsEntry("raw_id", "x")
                .containsEntry("a_b", "y")
                .containsEntry("unnamed_field", "z")
                .containsEntry("Nested", "{\"k\":[1,{\"m\":2}]}")
                .doesNotContainKeys("_id", "a.b", "");
    }

    @Test
    void hexadecimalIdsBecomeDecimal() {
        Map<String, Object> fields = TestRecords.normalised(normalizer.normalize(SysmonRecordBuilder.winlogbeat7(1,
                Map.of("ProcessId", "0x10F0", "LogonId", "0x3E7", "ParentProcessId", "4"))).fields());

        assertThat(fields).containsEntry("process_id", 4336L)
                .containsEntry("user_logon_id", 999L)
                .containsEntry("process_parent_id", 4L);
    }
}
