package io.helklab.door.hunt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchRequestTest {
    private static final Instant NOW = Instant.parse("2026-11-22T09:30:00Z");

    private static SearchRequest parse(Map<String, String> values) {
        return SearchRequest.parse(Parameters.of(values), NOW);
    }

    private static void assertRefused(Map<String, String> values, String parameter, String messagePart) {
        assertThatThrownBy(() -> parse(values))
                .isInstanceOfSatisfying(HuntRequestException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(400);
                    assertThat(refused.parameter()).isEqualTo(parameter);
                    assertThat(refused.getMessage()).contains(messagePart);
                });
    }

    @Test
    void defaultsSearchEverythingNewestFirst() {
        SearchRequest request = parse(Map.of());
        assertThat(request.query()).isEmpty();
        assertThat(request.index()).isEqualTo("logs-*");
        assertThat(request.timeRange()).isEqualTo(TimeRange.unbounded());
        assertThat(request.from()).isZero();
        assertThat(request.size()).isEqualTo(50);
        assertThat(request.sortField()).isEqualTo("@timestamp");
        assertThat(request.sortDescending()).isTrue();
        assertThat(request.filters()).isEmpty();
        assertThat(request.histogram()).isTrue();
    }

    @Test
    void readsEveryParameter() {
        SearchRequest request = SearchRequest.parse(Parameters.of(Map.of("q", " process_name:cmd.exe ", "index",
                        "logs-endpoint-winevent-sysmon-*", "from", "now-1d/d", "to", "2026-11-22T00:00:00Z", "offset", "100",
                        "size", "25", "sort", "process_id:asc", "top", "host_name, event_id", "topCount", "3", "histogram",
                        "false"))
                .with("filter", "host_name:WKS02.helk.lab").with("filter", "-process_command_line:a:b c"), NOW);
        assertThat(request.query()).isEqualTo("process_name:cmd.exe");
        assertThat(request.timeRange().from()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
        assertThat(request.timeRange().to()).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(request.from()).isEqualTo(100);
        assertThat(request.size()).isEqualTo(25);
        assertThat(request.sortField()).isEqualTo("process_id");
        assertThat(request.sortDescending()).isFalse();
        assertThat(request.filters()).containsExactly(
                new SearchRequest.FieldFilter("host_name", "WKS02.helk.lab", false),
                new SearchRequest.FieldFilter("process_command_line", "a:b c", true));
        assertThat(request.topValueFields()).containsExactly("host_name", "event_id");
        assertThat(request.topValueCount()).isEqualTo(3);
        assertThat(request.histogram()).isFalse();
    }

    @Test
    void refusesUnknownAndRepeatedParameters() {
        assertRefused(Map.of("query", "x"), "query", "Unknown parameter 'query'");
        assertThatThrownBy(() -> SearchRequest.parse(Parameters.of(Map.of("q", "a")).with("q", "b"), NOW))
                .hasMessageContaining("given 2 times");
    }

    @Test
    void refusesPagesOutsideTheWindow() {
        assertRefused(Map.of("size", "501"), "size", "between 0 and 500");
        assertRefused(Map.of("size", "ten"), "size", "whole number");
        assertRefused(Map.of("offset", "-1"), "offset", "between 0 and 10000");
        assertRefused(Map.of("offset", "9990", "size", "50"), "offset", "first 10000 hits");
    }

    @Test
    void refusesIndexPatternsThatCouldEscapeThePath() {
        assertRefused(Map.of("index", "logs-*/_delete_by_query"), "index", "not an index pattern");
        assertRefused(Map.of("index", ".security"), "index", "not an index pattern");
        assertRefused(Map.of("index", "Logs-*"), "index", "not an index pattern");
        assertRefused(Map.of("index", "logs-*?pretty"), "index", "not an index pattern");
        assertThat(parse(Map.of("index", "logs-endpoint-winevent-sysmon-*,sysmon-join-*")).index())
                .isEqualTo("logs-endpoint-winevent-sysmon-*,sysmon-join-*");
    }

    @Test
    void refusesMalformedSortsFiltersAndTimes() {
        assertRefused(Map.of("sort", "@timestamp:up"), "sort", "field:asc or field:desc");
        assertRefused(Map.of("sort", "a b:asc"), "sort", "not a field name");
        assertRefused(Map.of("filter", "no-colon"), "filter", "field:value");
        assertRefused(Map.of("filter", ":value"), "filter", "field:value");
        assertRefused(Map.of("top", "x\"y"), "top", "not a field name");
        assertRefused(Map.of("from", "yesterday"), "from", "not a time");
        assertRefused(Map.of("from", "2026-11-22", "to", "2026-11-21"), "from", "must be before 'to'");
        assertRefused(Map.of("histogram", "yes"), "histogram", "true or false");
    }
}
