package io.helklab.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.ingest.normalize.IndexTemplates;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HELK's templates as a cluster without HELK lab's field types takes them. */
class ClusterTemplatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyParentKeywordBecomesAStandardKeywordSubField() throws Exception {
        JsonNode original = JSON.readTree(IndexTemplates.all().get(IndexTemplates.WINEVENT));
        assertThat(original.toString()).contains(ClusterTemplates.PARENT_KEYWORD);

        JsonNode foreign = ClusterTemplates.forForeignCluster(original);

        assertThat(foreign.toString()).doesNotContain(ClusterTemplates.PARENT_KEYWORD);
        JsonNode warnings = foreign.path("mappings").path("properties").path("event_parse_warnings");
        assertThat(warnings.path("type").asText()).isEqualTo("keyword");
        assertThat(warnings.path("fields").path("keyword").path("type").asText()).isEqualTo("keyword");
        assertThat(warnings.path("fields").path("keyword").path("ignore_above").asInt()).isEqualTo(8191);
        assertThat(original.toString()).as("the original is left alone").contains(ClusterTemplates.PARENT_KEYWORD);
    }

    @Test
    void theReplicaCountIsLeftToTheCluster() throws Exception {
        for (Map.Entry<String, String> template : IndexTemplates.all().entrySet()) {
            JsonNode original = JSON.readTree(template.getValue());
            JsonNode foreign = ClusterTemplates.forForeignCluster(original);
            assertThat(foreign.path("settings").path("index").has("number_of_replicas")).as(template.getKey()).isFalse();
            assertThat(foreign.path("settings").path("index").path("number_of_shards"))
                    .isEqualTo(original.path("settings").path("index").path("number_of_shards"));
        }
    }

    @Test
    void aComposableTemplateNestsSettingsAndMappingsAndDropsTheOrder() throws Exception {
        JsonNode legacy = JSON.readTree(IndexTemplates.all().get(IndexTemplates.ALERTS));

        JsonNode composable = ClusterTemplates.composable(legacy, 505);

        assertThat(composable.path("index_patterns")).isEqualTo(legacy.path("index_patterns"));
        assertThat(composable.path("priority").asInt()).isEqualTo(505);
        assertThat(composable.has("order")).isFalse();
        assertThat(composable.path("template").path("settings")).isEqualTo(legacy.path("settings"));
        assertThat(composable.path("template").path("mappings")).isEqualTo(legacy.path("mappings"));
    }

    @Test
    void composableTemplatesFromSevenEightOn() {
        assertThat(new ClusterTemplates.ClusterTraits(7, 7, false).composable()).isFalse();
        assertThat(new ClusterTemplates.ClusterTraits(7, 8, false).composable()).isTrue();
        assertThat(new ClusterTemplates.ClusterTraits(7, 17, false).composable()).isTrue();
        assertThat(new ClusterTemplates.ClusterTraits(8, 0, false).composable()).isTrue();
    }
}
