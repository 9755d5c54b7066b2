package io.helklab.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.ingest.normalize.EventNormalizer;
import io.helklab.ingest.normalize.IndexTemplates;
import io.helklab.ingest.normalize.NormalizedEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The naming rules that let parallel tests share one indexer. */
class TopicNamespaceTest {
    private static final Pattern SUBSCRIPTION = TopicNamespace.subscription(Indexer.TOPICS);

    @Test
    void theSubscriptionTakesHelkTopicsAndTheirNamespacedCopiesOnly() {
        assertThat(List.of("winlogbeat", "winevent", "hunt-1.winlogbeat", "a.winevent", "t42-9f3c.winlogbeat"))
                .allMatch(topic -> SUBSCRIPTION.matcher(topic).matches());
        assertThat(List.of("SYSMON_JOIN", "winlogbeats", "x.winlogbeat.y", "Upper.winlogbeat", ".winlogbeat",
                "a.b.winlogbeat", "a_b.winlogbeat", "mywinlogbeat"))
                .noneMatch(topic -> SUBSCRIPTION.matcher(topic).matches());
    }

    @Test
    void aNamespacedTopicNamesItsNamespaceAndHelkTopicsNone() {
        assertThat(TopicNamespace.ofTopic("hunt-1.winlogbeat", Indexer.TOPICS)).isEqualTo("hunt-1");
        assertThat(TopicNamespace.ofTopic("hunt-1.winevent", Indexer.TOPICS)).isEqualTo("hunt-1");
        assertThat(TopicNamespace.ofTopic("winlogbeat", Indexer.TOPICS)).isNull();
        assertThat(TopicNamespace.winlogbeatTopic("hunt-1")).isEqualTo("hunt-1.winlogbeat");
    }

    @Test
    void anEventMovesIntoTheNamespaceWithItsIdAndSourceUnchanged() {
        NormalizedEvent event = new EventNormalizer(Clock.systemUTC()).normalize(
                "{\"EventID\":4624,\"Channel\":\"Security\",\"TimeCreated\":\"2024-03-01T10:00:00Z\",\"Hostname\":\"dc01\"}"
                        .getBytes(StandardCharsets.UTF_8));
        NormalizedEvent moved = TopicNamespace.apply("hunt-1", event);
        assertThat(moved.index()).isEqualTo("hunt-1.logs-endpoint-winevent-security-2024.03.01");
        assertThat(moved.id()).isEqualTo(event.id());
        assertThat(moved.source()).isEqualTo(event.source());
        assertThat(TopicNamespace.apply(null, event)).isSameAs(event);
    }

    @Test
    void anInvalidNamespaceIsRefusedWithASuggestion() {
        assertThatThrownBy(() -> TopicNamespace.winlogbeatTopic("My Hunt"))
                .hasMessageContaining("'My Hunt' is not a valid namespace")
                .hasMessageContaining("'my-hunt'");
        assertThatThrownBy(() -> TopicNamespace.indexPattern("a.b")).hasMessageContaining("'a.b'");
    }

    @Test
    void theIndexTemplatesCoverNamespacedIndicesAndHelkIndicesAlike() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> patterns = new ArrayList<>();
        for (String body : IndexTemplates.all().values()) {
            for (JsonNode pattern : json.readTree(body).path("index_patterns")) {
                patterns.add(pattern.asText());
            }
        }
        for (String index : List.of("logs-endpoint-winevent-sysmon-2024.03.01", "hunt-1.logs-endpoint-winevent-sysmon-2024.03.01",
                "logs-indexme-2024.03.01", "hunt-1.logs-indexme-2024.03.01", "parse-failures-2024.03.01",
                "hunt-1.parse-failures-2024.03.01")) {
            assertThat(patterns.stream().filter(pattern -> matches(pattern, index))).as(index).hasSize(1);
        }
    }

    private static boolean matches(String indexPattern, String index) {
        return FileSystems.getDefault().getPathMatcher("glob:" + indexPattern).matches(Path.of(index));
    }
}
