package io.helklab.door.hunt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helklab.door.hunt.AlertStates.State;
import io.helklab.door.hunt.FieldCatalog.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertQueriesTest {
    private static final Map<State, List<String>> NOT_OPEN = Map.of(State.ACKNOWLEDGED, List.of("a1", "a2"),
            State.CLOSED, List.of("c1"));

    private static Map<String, Field> alertFields(boolean withTechniques) {
        Map<String, Field> fields = new LinkedHashMap<>();
        fields.put("_index", new Field("_index", "keyword", "_index", true));
        fields.put("_id", new Field("_id", "keyword", "_id", true));
        fields.put("@timestamp", new Field("@timestamp", "date", "@timestamp", true));
        fields.put("rule_title", new Field("rule_title", "text", "rule_title.keyword", true));
        fields.put("host_name", new Field("host_name", "keyword", "host_name", true));
        fields.put("rule_level", new Field("rule_level", "keyword", "rule_level", true));
        if (withTechniques) {
            fields.put("attack_technique_ids", new Field("attack_technique_ids", "text", "attack_technique_ids.keyword", true));
            fields.put("attack_tactics", new Field("attack_tactics", "keyword", "attack_tactics", true));
        }
        return fields;
    }

    @Test
    void openExcludesEveryAcknowledgedAndClosedAlertAndTheOthersKeepOnlyTheirOwn() {
        assertThat(AlertQueries.stateFilter(State.OPEN, NOT_OPEN).toString())
                .isEqualTo("{\"bool\":{\"must_not\":[{\"ids\":{\"values\":[\"a1\",\"a2\"]}},{\"ids\":{\"values\":[\"c1\"]}}]}}");
        assertThat(AlertQueries.stateFilter(State.CLOSED, NOT_OPEN).toString()).isEqualTo("{\"ids\":{\"values\":[\"c1\"]}}");
        assertThat(AlertQueries.stateFilter(State.ACKNOWLEDGED, Map.of(State.ACKNOWLEDGED, List.of(), State.CLOSED, List.of())).toString())
                .as("no acknowledged alert: the filter matches nothing").isEqualTo("{\"ids\":{\"values\":[]}}");
        assertThat(AlertQueries.stateFilter(null, NOT_OPEN).toString()).isEqualTo("{\"match_all\":{}}");
    }

    @Test
    void thePageCountsStatesWithoutTheStateFilterAndGroupsWithIt() {
        AlertQueries queries = new AlertQueries(alertFields(true));
        ObjectNode closed = AlertQueries.stateFilter(State.CLOSED, NOT_OPEN);
        ObjectNode body = queries.page(queries.base("rule_level:high", List.of(), TimeRange.unbounded()), closed, NOT_OPEN, 50, 25);
        assertThat(body.path("post_filter")).isEqualTo(closed);
        assertThat(body.at("/aggs/states/filters/other_bucket_key").asText()).isEqualTo("open");
        assertThat(body.at("/aggs/states/filters/filters/acknowledged/ids/values")).hasSize(2);
        assertThat(body.at("/aggs/shown/filter")).isEqualTo(closed);
        assertThat(body.at("/aggs/shown/aggs/rule/terms/field").asText()).isEqualTo("rule_title.keyword");
        assertThat(body.at("/aggs/shown/aggs/technique/terms/field").asText()).isEqualTo("attack_technique_ids.keyword");
        assertThat(body.at("/aggs/shown/aggs/histogram/auto_date_histogram/field").asText()).isEqualTo("@timestamp");
        assertThat(body.path("from").asInt()).isEqualTo(50);
        assertThat(body.path("size").asInt()).isEqualTo(25);
        assertThat(body.at("/query/bool/must/0/query_string/query").asText()).isEqualTo("rule_level:high");
    }

    @Test
    void aGroupingWhoseFieldNoAlertHasIsLeftOut() {
        AlertQueries queries = new AlertQueries(alertFields(false));
        ObjectNode body = queries.page(queries.base("", List.of(), TimeRange.unbounded()),
                AlertQueries.stateFilter(null, NOT_OPEN), NOT_OPEN, 0, 10);
        assertThat(body.at("/aggs/shown/aggs").has("technique")).isFalse();
        assertThat(queries.techniques(queries.base("", List.of(), TimeRange.unbounded())).has("aggs")).isFalse();
    }

    @Test
    void aFilterOnAFieldNoAlertHasIsRefusedNamingIt() {
        AlertQueries queries = new AlertQueries(alertFields(true));
        assertThatThrownBy(() -> queries.base("", List.of(new SearchRequest.FieldFilter("rule_name", "x", false)),
                TimeRange.unbounded())).isInstanceOf(HuntRequestException.class).hasMessageContaining("rule_name");
    }

    @Test
    void anUnknownStateIsRefusedWithTheStatesThereAre() {
        assertThatThrownBy(() -> State.parse("done", "state")).isInstanceOf(HuntRequestException.class)
                .hasMessageContaining("open, acknowledged or closed");
    }
}
