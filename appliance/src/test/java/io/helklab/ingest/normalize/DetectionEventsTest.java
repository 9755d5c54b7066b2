package io.helklab.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.detection.EventView;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Events under Sigma's field names, in their original case, whatever the shipper's format. */
class DetectionEventsTest {

    private static EventView read(String json) {
        return DetectionEvents.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertSigmaFields(EventView event) {
        assertThat(event.field("EventID")).isEqualTo("1");
        assertThat(event.eventId()).isEqualTo("1");
        assertThat(event.field("Channel")).isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(event.channel()).isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(event.field("Image")).isEqualTo("C:\\Windows\\System32\\WHOAMI.exe");
        assertThat(event.field("CommandLine")).isEqualTo("whoami /All");
        assertThat(event.field("Computer")).isEqualTo("WKS01.helk.lab");
        assertThat(event.field("Provider_Name")).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(event.field("ParentImage")).isNull();
        assertThat(event.values()).contains("whoami /All");
        assertThat(event.time()).isEqualTo(Instant.parse("2026-10-05T10:14:07.123Z"));
    }

    @Test
    void winlogbeat7() {
        assertSigmaFields(read("""
                {"@timestamp":"2026-10-05T10:14:07.500Z","winlog":{"channel":"Microsoft-Windows-Sysmon/Operational",
                 "event_id":1,"computer_name":"WKS01.helk.lab","provider_name":"Microsoft-Windows-Sysmon",
                 "event_data":{"UtcTime":"2026-10-05 10:14:07.123","Image":"C:\\\\Windows\\\\System32\\\\WHOAMI.exe",
                 "CommandLine":"whoami /All"}}}"""));
    }

    @Test
    void winlogbeat6() {
        assertSigmaFields(read("""
                {"@timestamp":"2026-10-05T10:14:07.500Z","log_name":"Microsoft-Windows-Sysmon/Operational",
                 "event_id":1,"computer_name":"WKS01.helk.lab","source_name":"Microsoft-Windows-Sysmon",
                 "event_data":{"UtcTime":"2026-10-05 10:14:07.123","Image":"C:\\\\Windows\\\\System32\\\\WHOAMI.exe",
                 "CommandLine":"whoami /All"}}"""));
    }

    @Test
    void nxlogAndFlatExport() {
        String fields = """
                "Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Hostname":"WKS01.helk.lab",
                "SourceName":"Microsoft-Windows-Sysmon","UtcTime":"2026-10-05 10:14:07.123",
                "Image":"C:\\\\Windows\\\\System32\\\\WHOAMI.exe","CommandLine":"whoami /All\"""";
        assertSigmaFields(read("{\"EventTime\":\"2026-10-05 12:14:07\"," + fields + "}"));
        assertSigmaFields(read("{\"TimeCreated\":\"2026-10-05T12:14:07\"," + fields + "}"));
    }

    @Test
    void fieldNamesNotFoundExactlyAreLookedUpIgnoringCase() {
        EventView event = read("""
                {"winlog":{"channel":"Microsoft-Windows-Sysmon/Operational","event_id":10,
                 "event_data":{"SourceProcessGUID":"{A}","TargetImage":"C:\\\\Windows\\\\System32\\\\lsass.exe"}}}""");
        assertThat(event.field("SourceProcessGUID")).isEqualTo("{A}");
        assertThat(event.field("SourceProcessGuid")).isEqualTo("{A}");
    }

    @Test
    void recordsThatAreNotObjectsGiveNoEvent() {
        assertThat(read("[1,2]")).isNull();
        assertThat(read("{\"broken\":")).isNull();
        assertThat(DetectionEvents.read(null)).isNull();
    }

    @Test
    void everySampleFormatGivesSigmaFields() {
        Map<String, Integer> processCreations = new HashMap<>();
        for (Scenario scenario : SampleCatalog.builtIn()) {
            try (Stream<byte[]> records = scenario.records()) {
                records.map(DetectionEvents::read).forEach(event -> {
                    assertThat(event).isNotNull();
                    assertThat(event.channel()).isNotNull();
                    assertThat(event.eventId()).isNotNull();
                    assertThat(event.time()).as("%s", scenario.name()).isNotNull();
                    if ("1".equals(event.eventId()) && event.channel().contains("Sysmon")) {
                        assertThat(event.field("Image")).contains(":\\");
                        assertThat(event.field("CommandLine")).isNotNull();
                        assertThat(event.field("Computer")).endsWith(".helk.lab");
                        processCreations.merge(scenario.format().name(), 1, Integer::sum);
                    }
                });
            }
        }
        assertThat(processCreations).hasSize(4);
    }
}
