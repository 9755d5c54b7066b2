package io.helklab.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The index templates parse, carry HELK's settings and key mappings, and agree with the normaliser's output. */
class IndexTemplatesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void allTemplatesAreValidJsonWithOneShardNoReplicasAndTheirRefreshInterval() throws Exception {
        Map<String, String> templates = IndexTemplates.all();

        assertThat(templates).containsOnlyKeys("helk-logs-endpoint-winevent", "helk-logs-indexme",
                "helk-parse-failures", "helk-sysmon-join", "helk-alerts");
        assertThat(pattern(templates.get(IndexTemplates.WINEVENT))).isEqualTo("logs-endpoint-winevent-*");
        assertThat(pattern(templates.get(IndexTemplates.CATCH_ALL))).isEqualTo("logs-indexme-*");
        assertThat(pattern(templates.get(IndexTemplates.PARSE_FAILURES))).isEqualTo("parse-failures-*");
        assertThat(pattern(templates.get(IndexTemplates.SYSMON_JOIN))).isEqualTo("sysmon-join-*");
        assertThat(pattern(templates.get(IndexTemplates.ALERTS))).isEqualTo("alerts-*");
        // The indices the indexer fills refresh every 5 s (HELK's own templates say 10 s; see IndexTemplates for
        // the measurement); the small ones every second.
        Map<String, String> refreshIntervals = Map.of(IndexTemplates.WINEVENT, "5s", IndexTemplates.CATCH_ALL, "5s",
                IndexTemplates.PARSE_FAILURES, "1s", IndexTemplates.SYSMON_JOIN, "1s", IndexTemplates.ALERTS, "1s");
        for (Map.Entry<String, String> template : templates.entrySet()) {
            JsonNode index = MAPPER.readTree(template.getValue()).path("settings").path("index");
            assertThat(index.path("number_of_shards").asInt()).isEqualTo(1);
            assertThat(index.path("number_of_replicas").asInt()).isEqualTo(0);
            assertThat(index.path("refresh_interval").asText()).as(template.getKey())
                    .isEqualTo(refreshIntervals.get(template.getKey()));
        }
    }

    @Test
    void everyKeywordHasIgnoreAboveAndTheOriginalMessageIsNotIndexed() throws Exception {
        for (Map.Entry<String, String> template : IndexTemplates.all().entrySet()) {
            List<JsonNode> keywords = new ArrayList<>();
            collectKeywordMappings(MAPPER.readTree(template.getValue()).path("mappings"), keywords);
            assertThat(keywords).as(template.getKey()).isNotEmpty();
            for (JsonNode keyword : keywords) {
                assertThat(keyword.path("ignore_above").asInt()).as(template.getKey() + " " + keyword)
                        .isBetween(1, 8191);
            }
            JsonNode original = MAPPER.readTree(template.getValue()).path("mappings").path("properties")
                    .path("event_original_message");
            assertThat(original.path("type").asText()).as(template.getKey()).isEqualTo("text");
            assertThat(original.path("index").asBoolean(true)).as(template.getKey()).isFalse();
        }
    }

    @Test
    void wineventMappingHasTheKeyTypes() throws Exception {
        JsonNode template = MAPPER.readTree(IndexTemplates.all().get(IndexTemplates.WINEVENT));
        JsonNode properties = template.path("mappings").path("properties");

        assertThat(type(properties, "@timestamp")).isEqualTo("date");
        assertThat(type(properties, "event_id")).isEqualTo("integer");
        assertThat(type(properties, "process_id")).isEqualTo("long");
        assertThat(type(properties, "user_logon_id")).isEqualTo("long");
        assertThat(type(properties, "process_granted_access")).isEqualTo("long");
        assertThat(type(properties, "dst_port")).isEqualTo("integer");
        assertThat(type(properties, "network_initiated")).isEqualTo("boolean");
        assertThat(type(properties, "src_ip_addr")).isEqualTo("ip");
        assertThat(type(properties, "dst_ip_addr")).isEqualTo("ip");
        for (String analysed : List.of("process_command_line", "process_path", "file_name", "registry_key_path")) {
            assertThat(type(properties, analysed)).isEqualTo("text");
            assertThat(properties.path(analysed).path("analyzer").asText()).isEqualTo("helk_path");
            assertThat(properties.path(analysed).path("fields").path("keyword").path("type").asText()).isEqualTo("keyword");
        }
        assertThat(properties.path("powershell").path("properties").path("scriptblock").path("properties")
                .path("text").path("type").asText()).isEqualTo("text");
        assertThat(template.path("settings").path("index").path("analysis").path("analyzer").path("helk_path")
                .path("tokenizer").asText()).isEqualTo("whitespace");
        assertThat(template.path("mappings").path("date_detection").asBoolean(true)).isFalse();

        JsonNode strings = dynamicTemplate(template, "strings");
        assertThat(strings.path("match_mapping_type").asText()).isEqualTo("string");
        assertThat(strings.path("mapping").path("type").asText()).isEqualTo("keyword");
        // HELK's <field>.keyword names stay, answered from the parent's terms instead of being indexed twice.
        assertThat(strings.path("mapping").path("fields").path("keyword").path("type").asText()).isEqualTo("parent_keyword");
        assertThat(dynamicTemplate(template, "command_lines").path("mapping").path("type").asText()).isEqualTo("text");
        assertThat(dynamicTemplate(template, "paths").path("match").asText()).isEqualTo("*_path");
    }

    @Test
    void catchAllAcceptsAnythingAsKeywordAndParseFailuresIsFixed() throws Exception {
        JsonNode catchAll = MAPPER.readTree(IndexTemplates.all().get(IndexTemplates.CATCH_ALL)).path("mappings");
        assertThat(catchAll.path("date_detection").asBoolean(true)).isFalse();
        List<String> types = new ArrayList<>();
        for (JsonNode entry : catchAll.path("dynamic_templates")) {
            JsonNode dynamic = entry.elements().next();
            types.add(dynamic.path("match_mapping_type").asText());
            assertThat(dynamic.path("mapping").path("type").asText()).isEqualTo("keyword");
        }
        assertThat(types).contains("string", "long", "double", "boolean");
        assertThat(catchAll.path("properties").path("@timestamp").path("type").asText()).isEqualTo("date");

        JsonNode failures = MAPPER.readTree(IndexTemplates.all().get(IndexTemplates.PARSE_FAILURES)).path("mappings");
        assertThat(failures.path("dynamic").asBoolean(true)).isFalse();
        List<String> fields = new ArrayList<>();
        failures.path("properties").fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("@timestamp", "reason", "event_original_message",
                "event_original_encoding", "event_original_size");
    }

    @Test
    void normalisedDocumentsFitTheTypedFieldsOfTheWineventTemplate() throws Exception {
        JsonNode properties = MAPPER.readTree(IndexTemplates.all().get(IndexTemplates.WINEVENT))
                .path("mappings").path("properties");
        EventNormalizer normalizer = new EventNormalizer(TestRecords.CLOCK);
        List<byte[]> records = TestRecords.lines("sysmon-winlogbeat7.jsonl");
        records.addAll(TestRecords.lines("security-winlogbeat7.jsonl"));
        records.addAll(TestRecords.lines("other-channels-winlogbeat7.jsonl"));
        for (String single : List.of("winlogbeat6-sysmon-1.json", "nxlog-sysmon-3.json", "flat-sysmon-10.json",
                "flat-system-7045.json", "winlogbeat6-windows-powershell-400.json")) {
            records.add(TestRecords.resource(single));
        }
        int checked = 0;
        for (byte[] record : records) {
            NormalizedEvent event = normalizer.normalize(record);
            assertThat(event.disposition()).isEqualTo(Disposition.CHANNEL);
            checked += checkTypes(event.fields(), properties, event.index());
        }
        assertThat(checked).isGreaterThan(200);
    }

    @SuppressWarnings("unchecked")
    private static int checkTypes(Map<String, Object> document, JsonNode properties, String where) {
        int checked = 0;
        for (Map.Entry<String, Object> field : document.entrySet()) {
            JsonNode mapping = properties.path(field.getKey());
            Object value = field.getValue();
            String description = where + " " + field.getKey() + "=" + value;
            if (mapping.has("properties") || (mapping.isMissingNode() && value instanceof Map)) {
                // A mapped object, or one Elasticsearch maps dynamically (powershell.host): check inside.
                assertThat(value).as(description).isInstanceOf(Map.class);
                checked += checkTypes((Map<String, Object>) value, mapping.path("properties"), where);
                continue;
            }
            switch (mapping.path("type").asText("keyword")) {
                case "long", "integer" -> assertThat(value).as(description).isInstanceOf(Number.class);
                case "boolean" -> assertThat(value).as(description).isInstanceOf(Boolean.class);
                case "ip" -> assertThat(ValueParsers.isIpLiteral((String) value)).as(description).isTrue();
                case "date" -> assertThat(Instant.parse((String) value)).as(description).isNotNull();
                default -> assertThat(value).as(description).isInstanceOfAny(String.class, List.class);
            }
            checked++;
        }
        return checked;
    }

    private static void collectKeywordMappings(JsonNode node, List<JsonNode> keywords) {
        if (node.isObject()) {
            if ("keyword".equals(node.path("type").asText())) {
                keywords.add(node);
            }
            Iterator<JsonNode> children = node.elements();
            while (children.hasNext()) {
                collectKeywordMappings(children.next(), keywords);
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectKeywordMappings(child, keywords));
        }
    }

    private static JsonNode dynamicTemplate(JsonNode template, String name) {
        for (JsonNode entry : template.path("mappings").path("dynamic_templates")) {
            if (entry.has(name)) {
                return entry.path(name);
            }
        }
        throw new AssertionError("No dynamic template named " + name);
    }

    private static String pattern(String body) throws Exception {
        return MAPPER.readTree(body).path("index_patterns").path(0).asText();
    }

    private static String type(JsonNode properties, String field) {
        return properties.path(field).path("type").asText();
    }
}
