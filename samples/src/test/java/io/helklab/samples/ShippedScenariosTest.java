package io.helklab.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks every shipped dataset against its own manifest: formats, counts, ordering, record numbers,
 * process identity, and that every answer-key fact is really in the records.
 */
class ShippedScenariosTest {

    static List<Scenario> scenarios() {
        return SampleCatalog.builtIn();
    }

    @Test
    void shipsAtLeastNineScenariosInAllFourFormatsWithAHundredThousandEvents() {
        assertThat(scenarios()).hasSizeGreaterThanOrEqualTo(9);
        assertThat(scenarios()).extracting(Scenario::format).contains(RecordFormat.values());
        assertThat(scenarios().stream().mapToLong(Scenario::eventCount).sum()).isGreaterThanOrEqualTo(100_000);
    }

    /** Reads each dataset once (they are large) and runs every per-record check on it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void datasetAgreesWithItsManifest(Scenario scenario) {
        List<RawRecord> records = read(scenario);
        recordsAgreeWithTheManifest(scenario, records);
        everyAnswerFactOccursInTheRecords(scenario, records);
        recordNumbersIncreasePerHostAndChannel(records);
        processIdentityIsConsistentAcrossEvents(records);
    }

    private static void recordsAgreeWithTheManifest(Scenario scenario, List<RawRecord> records) {
        assertThat(records).hasSize((int) scenario.eventCount());
        Map<String, Long> counts = new TreeMap<>();
        records.forEach(record -> counts.merge(record.indexFamily(), 1L, Long::sum));
        assertThat(counts).isEqualTo(new TreeMap<>(scenario.counts()));
        assertThat(records).extracting(RawRecord::host).allMatch(host -> scenario.hosts().contains(host));
        assertThat(scenario.answerKey()).isNotEmpty();
        assertThat(scenario.challenges()).isNotEmpty();
    }

    private static void everyAnswerFactOccursInTheRecords(Scenario scenario, List<RawRecord> records) {
        for (AnswerFact fact : scenario.answerKey()) {
            long hits = records.stream().filter(record -> record.matches(fact)).count();
            assertThat(hits).as("hits of '%s' %s in %s", fact.description(), fact.match(), scenario.name())
                    .isGreaterThanOrEqualTo(fact.minimumHits());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void answerKeysNameTheMaliciousProcessItsParentHostAndUser(Scenario scenario) {
        assertThat(scenario.answerKey()).anySatisfy(fact -> assertThat(fact.match())
                .containsKeys("process_guid", "process_command_line", "process_parent_path", "host_name", "user_name"));
        assertThat(scenario.answerKey()).allSatisfy(fact -> assertThat(fact.match().values())
                .noneMatch(value -> value.toString().matches(".*\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}.*")));
    }

    private static void recordNumbersIncreasePerHostAndChannel(List<RawRecord> records) {
        Map<String, Long> last = new HashMap<>();
        for (RawRecord record : records) {
            String log = record.host() + "|" + record.channel();
            Long previous = last.put(log, record.recordNumber());
            assertThat(previous == null || previous < record.recordNumber()).as("record number of %s after %s in %s",
                    record.recordNumber(), previous, log).isTrue();
        }
    }

    /** A ProcessGuid names one process: one pid, one image, and its children name it as their parent consistently. */
    private static void processIdentityIsConsistentAcrossEvents(List<RawRecord> records) {
        Map<String, String> pidByGuid = new HashMap<>();
        Map<String, String> imageByGuid = new HashMap<>();
        List<RawRecord> sysmon = records.stream().filter(record -> record.indexFamily().endsWith("sysmon")).toList();
        for (RawRecord record : sysmon) {
            String guid = record.data().get("ProcessGuid");
            if (guid != null) {
                assertThat(guid).matches("\\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}}");
                String pid = pidByGuid.putIfAbsent(guid, record.data().get("ProcessId"));
                assertThat(pid == null || pid.equals(record.data().get("ProcessId"))).as("pid of %s", guid).isTrue();
                String image = record.data().get("Image");
                if (image != null) {
                    String known = imageByGuid.putIfAbsent(guid, image);
                    assertThat(known == null || known.equals(image)).as("image of %s", guid).isTrue();
                }
            }
        }
        for (RawRecord record : sysmon) {
            if (record.eventId() == 1 && imageByGuid.containsKey(record.data().get("ParentProcessGuid"))) {
                assertThat(record.data().get("ParentImage")).isEqualTo(imageByGuid.get(record.data().get("ParentProcessGuid")));
                assertThat(record.data().get("ParentProcessId")).isEqualTo(pidByGuid.get(record.data().get("ParentProcessGuid")));
            }
            if (record.eventId() == 1) {
                assertThat(record.data().get("Hashes")).matches("SHA1=[0-9A-F]{40},MD5=[0-9A-F]{32},SHA256=[0-9A-F]{64},IMPHASH=[0-9A-F]{32}");
                assertThat(record.data().get("LogonId")).matches("0x[0-9a-f]+");
                assertThat(record.data().get("UtcTime")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
            }
        }
    }

    @Test
    void catalogFindsByNameAndExplainsUnknownNames() {
        assertThat(SampleCatalog.find("lsass-credential-dumping").attack()).extracting(AttackTechnique::id).contains("T1003.001");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SampleCatalog.find("no-such-scenario"))
                .hasMessageContaining("no-such-scenario").hasMessageContaining("periodic-beaconing")
                .hasMessageContaining("encoded-powershell-cradle");
    }

    @Test
    void challengesCompareTrimmedCaseInsensitiveWithoutBraces() {
        Challenge challenge = new Challenge("guid", "Which GUID?", List.of("a81c5e37-1234-5678-9abc-000000000001"));
        assertThat(challenge.accepts("  {A81C5E37-1234-5678-9ABC-000000000001} ")).isTrue();
        assertThat(challenge.accepts("a81c5e37-1234-5678-9abc-000000000002")).isFalse();
        assertThat(challenge.accepts(null)).isFalse();
    }

    private static List<RawRecord> read(Scenario scenario) {
        try (Stream<byte[]> lines = scenario.records()) {
            return lines.map(line -> RawRecord.parse(line, scenario.format())).toList();
        }
    }
}
