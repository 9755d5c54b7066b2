package io.helklab.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The document source is Smile, and the original record comes back from it byte for byte, whatever it holds:
 * the characters JSON would have to escape, multi-byte UTF-8, and lengths around Smile's short-string limit.
 */
class SmileSourceTest {

    private final EventNormalizer normalizer = new EventNormalizer(TestRecords.CLOCK);

    @ParameterizedTest
    @ValueSource(strings = {
        "x",
        "",
        "quote \" backslash \\ tab \t newline \n nul \u0000 bell \u0007 del \u007f",
        "é ü ß — ✓ 日本語 𝄞 🦊",
        // 64, 65 and 66 bytes: Smile writes up to 65 bytes as a length-prefixed short string, longer ones with an
        // end marker.
        "0123456789012345678901234567890123456789012345678901234567890123",
        "01234567890123456789012345678901234567890123456789012345678901234",
        "012345678901234567890123456789012345678901234567890123456789012345"})
    void anyOriginalTextComesBackExactlyFromTheSmileSource(String text) throws Exception {
        byte[] record = text.getBytes(StandardCharsets.UTF_8);

        NormalizedEvent event = normalizer.normalize(record);

        assertThat(Arrays.copyOf(event.source(), 3)).as("Smile's header").containsExactly(':', ')', '\n');
        assertThat(event.fields().get("event_original_message")).isEqualTo(text);
        JsonNode asJson = new ObjectMapper().readTree(event.json());
        assertThat(asJson.path("event_original_message").textValue()).isEqualTo(text);
        assertThat(asJson.path("event_original_size").intValue()).isEqualTo(record.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sysmon-winlogbeat7.jsonl", "security-winlogbeat7.jsonl", "other-channels-winlogbeat7.jsonl"})
    void aNormalisedEventsJsonHasTheSameFieldsAsItsSource(String resource) throws Exception {
        for (byte[] record : TestRecords.lines(resource)) {
            NormalizedEvent event = normalizer.normalize(record);

            assertThat(new ObjectMapper().readValue(event.json(), java.util.Map.class)).isEqualTo(event.fields());
            assertThat(event.fields().get("event_original_message"))
                    .isEqualTo(new String(record, StandardCharsets.UTF_8));
        }
    }
}
