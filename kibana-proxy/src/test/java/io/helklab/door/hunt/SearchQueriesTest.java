package io.helklab.door.hunt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Query shapes against the field catalogue of HELK lab's real Sysmon index template. */
class SearchQueriesTest {
    private static final Instant NOW = Instant.parse("2026-11-22T09:30:00Z");
    private static Map<String, FieldCatalog.Field> fields;

    @BeforeAll
    static void readTheShippedTemplate() throws IOException {
        try (InputStream template = SearchQueriesTest.class
                .getResourceAsStream("/io/helklab/ingest/templates/logs-endpoint-winevent.json")) {
            JsonNode mappings = new ObjectMapper().readTree(template).path("mappings");
            // Fields without an explicit mapping get their type from the template's dynamic "strings" rule.
            ((com.fasterxml.jackson.databind.node.ObjectNode) mappings.path("properties")).set("host_name",
                    mappings.at("/dynamic_templates/4/strings/mapping"));
            JsonNode asMappingAnswer = new ObjectMapper().createObjectNode().set("logs-endpoint-winevent-sysmon-2026.10.06",
                    new ObjectMapper().createObjectNode().set("mappings", mappings));
            fields = FieldCatalog.fromMapping(asMappingAnswer);
        }
    }

    private static SearchRequest request(Parameters parameters) {
        return SearchRequest.parse(parameters, NOW);
    }

    @Test
    void theCatalogueKnowsWhichFormToAggregateOn() {
        assertThat(fields.get("process_command_line").type()).isEqualTo("text");
        assertThat(fields.get("process_command_line").aggregationField()).isEqualTo("process_command_line.keyword");
        assertThat(fields.get("process_id").aggregationField()).isEqualTo("process_id");
        assertThat(fields.get("powershell.scriptblock.text").aggregationField()).isEqualTo("powershell.scriptblock.text.keyword");
        assertThat(fields.get("event_original_message").aggregationField()).isNull();
        assertThat(fields.get("event_original_message").searchable()).isFalse();
        assertThat(fields.keySet()).startsWith("_index", "_id");
    }

    @Test
    void anEmptyQueryMatchesEverythingAndAQueryIsLuceneQueryString() {
        SearchQueries queries = new SearchQueries(fields, "logs-*");
        JsonNode all = queries.query(request(Parameters.of(Map.of())), TimeRange.unbounded());
        assertThat(all.at("/bool/must/0").has("match_all")).isTrue();
        assertThat(all.at("/bool/filter")).isEmpty();

        JsonNode some = queries.query(request(Parameters.of(Map.of("q", "process_name:werfault.exe AND event_id:1"))),
                TimeRange.unbounded());
        assertThat(some.at("/bool/must/0/query_string/query").asText()).isEqualTo("process_name:werfault.exe AND event_id:1");
        assertThat(some.at("/bool/must/0/query_string/lenient").asBoolean()).isTrue();
    }

    @Test
    void filtersUseTheExactFormAndNegatedOnesExclude() {
        SearchRequest request = request(Parameters.of(Map.of())
                .with("filter", "process_command_line:werfault.exe -ma 1")
                .with("filter", "-host_name:DC01.helk.lab")
                .with("filter", "event_id:10"));
        JsonNode query = new SearchQueries(fields, "logs-*").query(request, TimeRange.unbounded());
        assertThat(query.at("/bool/filter/0/term/process_command_line.keyword/value").asText()).isEqualTo("werfault.exe -ma 1");
        assertThat(query.at("/bool/filter/1/term/event_id/value").asText()).isEqualTo("10");
        assertThat(query.at("/bool/must_not/0/term/host_name/value").asText()).isEqualTo("DC01.helk.lab");
    }

    @Test
    void theTimeRangeIsAHalfOpenEpochMillisecondsRange() {
        SearchRequest request = request(Parameters.of(Map.of("from", "2026-10-06T07:00:00Z", "to", "2026-10-06T19:00:00Z")));
        JsonNode range = new SearchQueries(fields, "logs-*").query(request, request.timeRange()).at("/bool/filter/0/range/@timestamp");
        assertThat(range.path("gte").asLong()).isEqualTo(Instant.parse("2026-10-06T07:00:00Z").toEpochMilli());
        assertThat(range.path("lt").asLong()).isEqualTo(Instant.parse("2026-10-06T19:00:00Z").toEpochMilli());
        assertThat(range.path("format").asText()).isEqualTo("epoch_millis");
    }

    @Test
    void theSearchBodyHasPageSortTopValuesAndHistogram() {
        SearchRequest request = request(Parameters.of(Map.of("from", "2026-10-06T07:00:00Z", "to", "2026-10-06T19:00:00Z",
                "offset", "50", "size", "10", "sort", "process_path:asc", "top", "host_name,process_command_line")));
        TimeRange range = request.timeRange();
        JsonNode body = new SearchQueries(fields, "logs-*").search(request, range, HistogramInterval.forSpan(range.length()));
        assertThat(body.path("from").asInt()).isEqualTo(50);
        assertThat(body.path("size").asInt()).isEqualTo(10);
        assertThat(body.path("track_total_hits").asBoolean()).isTrue();
        assertThat(body.at("/sort/0/process_path.keyword/order").asText()).isEqualTo("asc");
        assertThat(body.at("/sort/0/process_path.keyword/unmapped_type").asText()).isEqualTo("keyword");
        assertThat(body.at("/aggs/top_0/terms/field").asText()).isEqualTo("host_name");
        assertThat(body.at("/aggs/top_1/terms/field").asText()).isEqualTo("process_command_line.keyword");
        assertThat(body.at("/aggs/top_1/terms/size").asInt()).isEqualTo(5);
        JsonNode histogram = body.at("/aggs/histogram/date_histogram");
        assertThat(histogram.path("fixed_interval").asText()).isEqualTo("30m");
        assertThat(histogram.path("min_doc_count").asInt()).isZero();
        assertThat(histogram.at("/extended_bounds/max").asLong()).isEqualTo(range.to().toEpochMilli() - 1);
    }

    @Test
    void unknownOrUnaggregatableFieldsAreRefusedBeforeElasticsearchIsAsked() {
        SearchQueries queries = new SearchQueries(fields, "logs-*");
        assertThatThrownBy(() -> queries.query(request(Parameters.of(Map.of("filter", "no_such_field:1"))), TimeRange.unbounded()))
                .isInstanceOfSatisfying(HuntRequestException.class, refused -> {
                    assertThat(refused.parameter()).isEqualTo("filter");
                    assertThat(refused.getMessage()).contains("No field 'no_such_field'", "/api/hunt/fields?index=logs-*");
                });
        assertThatThrownBy(() -> queries.search(request(Parameters.of(Map.of("top", "event_original_message"))),
                TimeRange.unbounded(), null))
                .isInstanceOfSatisfying(HuntRequestException.class, refused -> {
                    assertThat(refused.parameter()).isEqualTo("top");
                    assertThat(refused.getMessage()).contains("search it in the query instead");
                });
    }

    @Test
    void theExtentProbeCountsNothingAndAsksForFirstAndLast() {
        JsonNode probe = new SearchQueries(fields, "logs-*").extent(request(Parameters.of(Map.of("q", "x"))), TimeRange.unbounded());
        assertThat(probe.path("size").asInt()).isZero();
        assertThat(probe.at("/aggs/first/min/field").asText()).isEqualTo("@timestamp");
        assertThat(probe.at("/aggs/last/max/field").asText()).isEqualTo("@timestamp");
    }

    @Test
    void elasticsearchParserErrorsYieldTheInnermostReason() throws IOException {
        JsonNode error = new ObjectMapper().readTree("""
                {"error":{"root_cause":[{"type":"query_shard_exception","reason":"Failed to parse query [a AND (]"}],
                 "type":"search_phase_execution_exception","reason":"all shards failed",
                 "failed_shards":[{"shard":0,"reason":{"type":"query_shard_exception","reason":"Failed to parse query [a AND (]",
                   "caused_by":{"type":"parse_exception","reason":"Cannot parse 'a AND (': Encountered \\"<EOF>\\" at line 1, column 7.",
                     "caused_by":{"type":"parse_exception","reason":"Encountered \\"<EOF>\\" at line 1, column 7."}}}}]},
                 "status":400}""");
        assertThat(ElasticsearchErrors.summary(error)).isEqualTo("query_shard_exception: Failed to parse query [a AND (]");
        assertThat(ElasticsearchErrors.innermostReason(error))
                .isEqualTo("Cannot parse 'a AND (': Encountered \"<EOF>\" at line 1, column 7.");
    }
}
