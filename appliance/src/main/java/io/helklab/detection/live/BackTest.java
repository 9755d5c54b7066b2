package io.helklab.detection.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.detection.DetectionEngine;
import io.helklab.detection.DetectionRule;
import io.helklab.detection.EventView;
import io.helklab.detection.RuleLoadOptions;
import io.helklab.detection.RuleLoader;
import io.helklab.detection.RuleReport;
import io.helklab.detection.RuleSet;
import io.helklab.detection.RuleStatus;
import io.helklab.detection.correlation.CorrelationEngine;
import io.helklab.detection.correlation.CorrelationRule;
import io.helklab.detection.sigma.Placeholders;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.ingest.normalize.DetectionEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A back-test: one Sigma rule (YAML text, never loaded into the running appliance) over stored events. Each event's
 * {@code event_original_message} is read again through the same view and engine the ingest path uses, so a rule
 * matches here exactly what it would have matched as the events arrived. Used by {@code POST /api/rules/test},
 * {@code helk-lab rules test}, the JUnit fixture and the notebook's {@code %%sigma} cell. Thread-safe.
 *
 * <p>The text may hold a correlation rule with the rules it refers to (as one multi-document file). The events are
 * read oldest first and the rules' matches go through a fresh {@link CorrelationEngine}, as on the stream: an event
 * counts as matched when it raises an alert, i.e. when a rule that alerts on its own matched it or when it completed
 * a correlation. A rule a correlation refers to without {@code generate: true} therefore counts only through the
 * correlation, as it would alert in the appliance.
 */
public final class BackTest {

    /** The most matched events a result lists (every match is counted). */
    public static final int MAXIMUM_LIMIT = 10_000;
    private static final int PAGE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SOURCE_FIELDS = List.of("event_original_message", "@timestamp", "host_name",
            "event_id", "process_name", "process_command_line");

    private final ElasticsearchHttp elasticsearch;

    public BackTest(ElasticsearchHttp elasticsearch) {
        this.elasticsearch = elasticsearch;
    }

    /** One matched event: where it is, a few HELK fields to recognise it, and the record as it arrived. */
    public record MatchedEvent(String index, String id, String timestamp, String hostName, Integer eventId,
                               String processName, String processCommandLine, JsonNode original) {
    }

    /**
     * @param rule    the rule as the back-test read it (its status says why it did not run)
     * @param scanned events read
     * @param matched events the rule matched
     * @param events  the first {@code limit} matched events, oldest first
     */
    public record Result(RuleEntry rule, long scanned, long matched, List<MatchedEvent> events) {
    }

    /**
     * Runs a rule over the events of {@code indexPattern} (e.g. {@code logs-*}) between {@code from} and {@code to}
     * (either may be null for open), listing up to {@code limit} matches.
     *
     * @throws IllegalArgumentException when the text holds no rule
     * @throws IOException              when Elasticsearch cannot be read
     */
    public Result run(String yaml, String indexPattern, Instant from, Instant to, int limit)
            throws IOException, InterruptedException {
        return run(yaml, "back-test", indexPattern, from, to, limit);
    }

    /**
     * As {@link #run(String, String, Instant, Instant, int)}, with the name the rule's status and reason give as its
     * file (the rule file's path when the YAML came from one).
     */
    public Result run(String yaml, String sourceName, String indexPattern, Instant from, Instant to, int limit)
            throws IOException, InterruptedException {
        RuleSet rules = new RuleLoader(RuleLoadOptions.defaults()).addText(yaml, sourceName, Placeholders.NONE).build();
        if (rules.reports().isEmpty()) {
            throw new IllegalArgumentException("the YAML holds no Sigma rule; paste one rule with title, logsource "
                    + "and detection");
        }
        RuleEntry entry = describe(rules);
        List<MatchedEvent> events = new ArrayList<>();
        if (rules.activeRules().isEmpty()) {
            return new Result(entry, 0, 0, events);
        }
        DetectionEngine engine = rules.engine();
        CorrelationEngine correlations = new CorrelationEngine(rules.correlations(), rules.compiledRules());
        int cap = Math.max(0, Math.min(limit, MAXIMUM_LIMIT));
        long scanned = 0;
        long matched = 0;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("size", PAGE);
        body.put("sort", List.of(Map.of("@timestamp", Map.of("order", "asc", "unmapped_type", "date")), "_doc"));
        body.put("_source", SOURCE_FIELDS);
        body.put("query", range(from, to));
        ElasticsearchHttp.Response page = elasticsearch.post("/" + indexPattern
                + "/_search?scroll=1m&ignore_unavailable=true&allow_no_indices=true", body);
        String scrollId = null;
        try {
            while (true) {
                if (!page.ok() || page.body() == null) {
                    throw new IOException("Elasticsearch refused the back-test's search over " + indexPattern + " ("
                            + page.status() + "): " + page.body());
                }
                scrollId = page.body().path("_scroll_id").asText(null);
                JsonNode hits = page.body().path("hits").path("hits");
                if (hits.isEmpty()) {
                    break;
                }
                for (JsonNode hit : hits) {
                    scanned++;
                    String original = hit.path("_source").path("event_original_message").asText(null);
                    if (original == null) {
                        continue;
                    }
                    EventView view = DetectionEvents.read(original.getBytes(StandardCharsets.UTF_8));
                    if (view == null || !raisesAlert(engine.evaluate(view), view, hit, correlations)) {
                        continue;
                    }
                    matched++;
                    if (events.size() < cap) {
                        events.add(matchedEvent(hit, original));
                    }
                }
                if (scrollId == null) {
                    break;
                }
                page = elasticsearch.post("/_search/scroll", Map.of("scroll", "1m", "scroll_id", scrollId));
            }
        } finally {
            if (scrollId != null) {
                elasticsearch.send("DELETE", "/_search/scroll/" + scrollId);
            }
        }
        return new Result(entry, scanned, matched, events);
    }

    /** Whether the matches on this event raise an alert: a rule's own, or a correlation the event completed. */
    private static boolean raisesAlert(List<DetectionRule> matches, EventView view, JsonNode hit,
                                       CorrelationEngine correlations) {
        boolean alert = false;
        for (DetectionRule rule : matches) {
            alert |= correlations.alertsOnItsOwn(rule);
            alert |= !correlations.onMatch(rule, view, eventTime(view, hit)).isEmpty();
        }
        return alert;
    }

    private static Instant eventTime(EventView view, JsonNode hit) {
        if (view.time() != null) {
            return view.time();
        }
        String timestamp = hit.path("_source").path("@timestamp").asText(null);
        try {
            return timestamp == null ? null : Instant.parse(timestamp);
        } catch (DateTimeParseException unusable) {
            return null;
        }
    }

    private static Map<String, Object> range(Instant from, Instant to) {
        if (from == null && to == null) {
            return Map.of("match_all", Map.of());
        }
        Map<String, Object> bounds = new LinkedHashMap<>();
        if (from != null) {
            bounds.put("gte", from.toString());
        }
        if (to != null) {
            bounds.put("lte", to.toString());
        }
        return Map.of("range", Map.of("@timestamp", bounds));
    }

    private static MatchedEvent matchedEvent(JsonNode hit, String original) {
        JsonNode source = hit.path("_source");
        JsonNode parsed;
        try {
            parsed = JSON.readTree(original);
        } catch (IOException notJson) {
            parsed = JSON.getNodeFactory().textNode(original);
        }
        return new MatchedEvent(hit.path("_index").asText(), hit.path("_id").asText(),
                source.path("@timestamp").asText(null), source.path("host_name").asText(null),
                source.path("event_id").isNumber() ? source.path("event_id").asInt() : null,
                source.path("process_name").asText(null), source.path("process_command_line").asText(null), parsed);
    }

    /**
     * The rule the text is about as a rule entry (a back-test has no hits): its first correlation rule when it holds
     * one (the others are what the correlation counts), else its first active rule, else its first rule.
     */
    private static RuleEntry describe(RuleSet rules) {
        RuleReport report = rules.correlations().stream().findFirst()
                .flatMap(correlation -> rules.reports().stream()
                        .filter(candidate -> candidate.line() == correlation.line()).findFirst())
                .or(() -> rules.reports().stream().filter(candidate -> candidate.status() == RuleStatus.ACTIVE).findFirst())
                .orElse(rules.reports().get(0));
        DetectionRule rule = rules.compiledRules().stream()
                .filter(candidate -> candidate.line() == report.line()).findFirst().orElse(null);
        CorrelationRule correlation = rules.correlations().stream()
                .filter(candidate -> candidate.line() == report.line()).findFirst().orElse(null);
        return RuleEntry.of(report, rule, correlation, report.status(), report.reason(), 0, null);
    }
}
