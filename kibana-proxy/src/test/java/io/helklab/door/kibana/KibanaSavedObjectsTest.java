package io.helklab.door.kibana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KibanaSavedObjectsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode objects() throws Exception {
        return JSON.readTree(KibanaSavedObjects.bulkCreateBody());
    }

    private static Map<String, JsonNode> byId(JsonNode objects) {
        Map<String, JsonNode> byId = new HashMap<>();
        objects.forEach(object -> assertThat(byId.put(object.path("id").asText(), object)).as("duplicate id").isNull());
        return byId;
    }

    @Test
    void indexPatternsForHelkIndicesWithTheirTimeField() throws Exception {
        Map<String, String> titles = new HashMap<>();
        for (JsonNode object : objects()) {
            if (object.path("type").asText().equals("index-pattern")) {
                titles.put(object.path("attributes").path("title").asText(), object.path("attributes").path("timeFieldName").asText());
            }
        }

        assertThat(titles).containsOnly(Map.entry("logs-endpoint-winevent-*", "@timestamp"), Map.entry("logs-*", "@timestamp"),
                Map.entry("sysmon-join-*", "@timestamp"));
    }

    @Test
    void everyReferenceResolvesToAnObjectInTheSameRequest() throws Exception {
        JsonNode objects = objects();
        Map<String, JsonNode> byId = byId(objects);

        for (JsonNode object : objects) {
            for (JsonNode reference : object.path("references")) {
                JsonNode target = byId.get(reference.path("id").asText());
                assertThat(target).as("%s refers to %s", object.path("id"), reference).isNotNull();
                assertThat(target.path("type").asText()).isEqualTo(reference.path("type").asText());
            }
        }
    }

    @Test
    void theDashboardHasOnePanelPerReferenceInAGridThatDoesNotOverlap() throws Exception {
        JsonNode dashboard = byId(objects()).get(KibanaSavedObjects.DASHBOARD_ID);
        assertThat(dashboard.path("type").asText()).isEqualTo("dashboard");
        assertThat(dashboard.path("attributes").path("title").asText()).isEqualTo("HELK lab overview");
        JsonNode panels = JSON.readTree(dashboard.path("attributes").path("panelsJSON").asText());
        Set<String> referenceNames = new HashSet<>();
        dashboard.path("references").forEach(reference -> referenceNames.add(reference.path("name").asText()));

        assertThat(panels.size()).isEqualTo(6).isEqualTo(referenceNames.size());
        boolean[][] grid = new boolean[48][200];
        for (JsonNode panel : panels) {
            assertThat(referenceNames).contains(panel.path("panelRefName").asText());
            JsonNode box = panel.path("gridData");
            assertThat(box.path("x").asInt() + box.path("w").asInt()).isLessThanOrEqualTo(48);
            for (int x = box.path("x").asInt(); x < box.path("x").asInt() + box.path("w").asInt(); x++) {
                for (int y = box.path("y").asInt(); y < box.path("y").asInt() + box.path("h").asInt(); y++) {
                    assertThat(grid[x][y]).as("panels overlap at %d,%d", x, y).isFalse();
                    grid[x][y] = true;
                }
            }
        }
    }

    @Test
    void visualizationsAreValidJsonOnHelkFields() throws Exception {
        Set<String> fields = new HashSet<>();
        for (JsonNode object : objects()) {
            if (!object.path("type").asText().equals("visualization")) {
                continue;
            }
            JsonNode visState = JSON.readTree(object.path("attributes").path("visState").asText());
            assertThat(visState.path("title").asText()).isEqualTo(object.path("attributes").path("title").asText());
            JsonNode source = JSON.readTree(object.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON").asText());
            assertThat(source.path("indexRefName").asText()).isEqualTo(object.path("references").get(0).path("name").asText());
            visState.path("aggs").forEach(aggregation -> {
                if (aggregation.path("params").has("field")) {
                    fields.add(aggregation.path("params").path("field").asText());
                }
            });
        }

        assertThat(fields).containsExactlyInAnyOrder("@timestamp", "log_name", "event_id", "host_name", "process_name");
    }

    @Test
    void theDefaultIndexIsTheWindowsEventsPattern() throws Exception {
        assertThat(JSON.readTree(KibanaSavedObjects.defaultIndexBody()).path("changes").path("defaultIndex").asText())
                .isEqualTo(KibanaSavedObjects.WINEVENT_PATTERN_ID);
    }

    @Test
    void theBodyIsTheSameEveryTimeSoReinstallingReplacesInsteadOfDuplicating() {
        assertThat(KibanaSavedObjects.bulkCreateBody()).isEqualTo(KibanaSavedObjects.bulkCreateBody());
    }
}
