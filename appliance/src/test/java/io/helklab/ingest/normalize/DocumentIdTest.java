package io.helklab.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The document id is a hash of the record bytes, so a replay overwrites instead of duplicating. */
class DocumentIdTest {

    @Test
    void replayingARecordGivesTheSameIndexIdAndDocument() {
        byte[] record = TestRecords.resource("winlogbeat6-sysmon-1.json");
        EventNormalizer first = new EventNormalizer(TestRecords.CLOCK);
        EventNormalizer later = new EventNormalizer(Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));

        NormalizedEvent original = first.normalize(record);
        NormalizedEvent replayed = later.normalize(record.clone());

        assertThat(replayed.id()).isEqualTo(original.id());
        assertThat(replayed.index()).isEqualTo(original.index());
        assertThat(replayed.source()).isEqualTo(original.source());
    }

    @Test
    void idIs128BitsOfSha256InBase64Url() throws Exception {
        byte[] record = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(record);
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256, 16));

        String id = new EventNormalizer(TestRecords.CLOCK).normalize(record).id();

        assertThat(id).isEqualTo(expected).hasSize(22).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void differentRecordsGetDifferentIdsEvenWhenOnlyWhitespaceDiffers() {
        EventNormalizer normalizer = new EventNormalizer(TestRecords.CLOCK);
        List<byte[]> records = TestRecords.lines("sysmon-winlogbeat7.jsonl");
        records.addAll(TestRecords.lines("security-winlogbeat7.jsonl"));
        records.add("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        records.add("{\"a\": 1}".getBytes(StandardCharsets.UTF_8));

        Set<String> ids = new HashSet<>();
        for (byte[] record : records) {
            ids.add(normalizer.normalize(record).id());
        }

        assertThat(ids).hasSize(records.size());
    }
}
