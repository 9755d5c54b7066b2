package io.helklab.scenarios;

import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.samples.AnswerFact;
import io.helklab.samples.Scenario;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The self-test HELK users asked for: checks a loaded scenario's answer key and its per-index
 * counts against Elasticsearch, through the same field names a hunter queries.
 */
public final class SampleVerifier {
    private static final DateTimeFormatter INDEX_DATE = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    private final ElasticsearchHttp elasticsearch;

    public SampleVerifier(ElasticsearchHttp elasticsearch) {
        this.elasticsearch = elasticsearch;
    }

    /** One check and its outcome. */
    public record Check(String description, boolean passed, String detail) {}

    /** All checks of one scenario. */
    public record Result(String scenario, List<Check> checks) {
        public boolean passed() {
            return checks.stream().allMatch(Check::passed);
        }
    }

    /** The index of a family (e.g. {@code logs-endpoint-winevent-sysmon}) on the scenario's shifted day. */
    public static String indexFor(String family, Scenario scenario, long shiftDays) {
        return family + "-" + INDEX_DATE.format(scenario.start().plus(shiftDays, ChronoUnit.DAYS));
    }

    /** How many of the scenario's events are searchable now (summed over its indices). */
    public long searchable(Scenario scenario, long shiftDays) throws IOException, InterruptedException {
        List<String> indices = scenario.counts().keySet().stream().map(family -> indexFor(family, scenario, shiftDays)).toList();
        elasticsearch.post("/" + String.join(",", indices) + "/_refresh?ignore_unavailable=true&allow_no_indices=true", Map.of());
        return elasticsearch.count(String.join(",", indices), null);
    }

    /**
     * Waits until every event of the scenarios is searchable.
     *
     * @param progress told the number of searchable events as it grows
     * @return true when all arrived before the timeout
     */
    public boolean awaitSearchable(List<Scenario> scenarios, long shiftDays, Duration timeout,
            LongConsumer progress) throws IOException, InterruptedException {
        long expected = scenarios.stream().mapToLong(Scenario::eventCount).sum();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long searchable = 0;
            try {
                for (Scenario scenario : scenarios) {
                    searchable += searchable(scenario, shiftDays);
                }
            } catch (ElasticsearchHttp.NotReadyException starting) {
                // The indexer has just created an index whose shard is not started yet: not searchable so far.
                if (System.nanoTime() > deadline) {
                    throw starting;
                }
                Thread.sleep(500);
                continue;
            }
            progress.accept(searchable);
            if (searchable >= expected) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(500);
        }
    }

    public Result verify(Scenario scenario, long shiftDays) throws IOException, InterruptedException {
        List<Check> checks = new ArrayList<>();
        for (Map.Entry<String, Long> expected : scenario.counts().entrySet()) {
            String index = indexFor(expected.getKey(), scenario, shiftDays);
            long actual = elasticsearch.count(index, null);
            checks.add(new Check("events in " + index, actual == expected.getValue(),
                    actual + " of " + expected.getValue()));
        }
        Instant from = scenario.start().plus(shiftDays, ChronoUnit.DAYS);
        Instant to = scenario.end().plus(shiftDays, ChronoUnit.DAYS);
        for (AnswerFact fact : scenario.answerKey()) {
            long hits = elasticsearch.count(fact.index(), query(fact, from, to));
            checks.add(new Check(fact.description(), hits >= fact.minimumHits(),
                    hits + " matching event" + (hits == 1 ? "" : "s") + " (at least " + fact.minimumHits() + " expected)"));
        }
        return new Result(scenario.name(), checks);
    }

    /**
     * Exact matches on HELK fields. A string matches either the field itself (keyword, ip) or its
     * {@code .keyword} sub-field (analysed text such as command lines), so the check needs no
     * knowledge of the mapping.
     */
    static Map<String, Object> query(AnswerFact fact, Instant from, Instant to) {
        List<Object> filters = new ArrayList<>();
        for (Map.Entry<String, Object> match : fact.match().entrySet()) {
            String field = match.getKey();
            Object value = match.getValue();
            if (value instanceof String) {
                filters.add(Map.of("bool", Map.of("minimum_should_match", 1, "should", List.of(
                        Map.of("term", Map.of(field, value)), Map.of("term", Map.of(field + ".keyword", value))))));
            } else {
                filters.add(Map.of("term", Map.of(field, value)));
            }
        }
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("gte", from.toString());
        range.put("lte", to.toString());
        filters.add(Map.of("range", Map.of("@timestamp", range)));
        return Map.of("bool", Map.of("filter", filters));
    }
}
