package io.helklab.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.ingest.normalize.EventNormalizer;
import io.helklab.ingest.normalize.NormalizedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DistinctSysmonRecordsTest {
    private static final Pattern PROCESS_GUID = Pattern.compile("\"ProcessGuid\":\"(\\{[^\"]+\\})\"");

    @Test
    void everyRecordIsANewSysmonDocumentAndTheSameArgumentsGiveTheSameBytes() {
        DistinctSysmonRecords corpus = DistinctSysmonRecords.fromBuiltInScenarios();
        List<byte[]> records = corpus.records(0, 30_000);
        // Document ids hash the record's bytes: distinct bytes are distinct documents.
        Set<String> distinct = new HashSet<>();
        records.forEach(record -> distinct.add(new String(record, StandardCharsets.UTF_8)));
        assertThat(distinct).hasSize(records.size());
        EventNormalizer normalizer = new EventNormalizer(Clock.systemUTC());
        for (int i = 0; i < records.size(); i += 97) {
            NormalizedEvent event = normalizer.normalize(records.get(i));
            assertThat(event.reason()).as("routing of record %d", i).isNull();
            assertThat(event.channel()).isEqualTo("sysmon");
        }
        assertThat(corpus.records(29_990, 10)).zipSatisfy(records.subList(29_990, 30_000),
                (again, first) -> assertThat(again).isEqualTo(first));
    }

    @Test
    void copiesOfARecordHaveProcessesOfTheirOwn() {
        DistinctSysmonRecords corpus = DistinctSysmonRecords.fromBuiltInScenarios();
        List<byte[]> firstCopy = corpus.records(0, 30_000);
        Set<String> guidsOfFirstCopy = new HashSet<>();
        Set<String> guidsOfLaterCopies = new HashSet<>();
        for (int i = 0; i < firstCopy.size(); i++) {
            Matcher guid = PROCESS_GUID.matcher(new String(firstCopy.get(i), StandardCharsets.UTF_8));
            if (guid.find()) {
                guidsOfFirstCopy.add(guid.group(1));
            }
        }
        for (byte[] record : corpus.records(200_000, 30_000)) {
            Matcher guid = PROCESS_GUID.matcher(new String(record, StandardCharsets.UTF_8));
            if (guid.find()) {
                guidsOfLaterCopies.add(guid.group(1));
            }
        }
        assertThat(guidsOfFirstCopy).isNotEmpty();
        assertThat(guidsOfLaterCopies).isNotEmpty().doesNotContainAnyElementsOf(guidsOfFirstCopy);
    }
}
