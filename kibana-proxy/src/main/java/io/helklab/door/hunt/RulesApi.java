package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import io.helklab.detection.RuleStatus;
import io.helklab.detection.live.BackTest;
import io.helklab.detection.live.DetectionService;
import io.helklab.detection.live.RuleEntry;
import io.helklab.schema.IndexNames;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/rules}: the detection service's rules with status, reason and hits ({@code GET /api/rules}), and the
 * back-test of a rule's YAML over stored events, without loading it ({@code POST /api/rules/test} with
 * {@code {"yaml", "from", "to", "limit"}}). The JSON field names are a contract with the hunt UI.
 */
final class RulesApi implements JsonEndpoint.Route {
    private static final int DEFAULT_LIMIT = 100;

    private final DetectionService detection;
    private final BackTest backTest;

    RulesApi(DetectionService detection, BackTest backTest) {
        this.detection = detection;
        this.backTest = backTest;
    }

    @Override
    public Object answer(HttpServerExchange exchange, String path, Parameters parameters) throws IOException {
        if (path.equals("/") || path.isEmpty()) {
            JsonEndpoint.requireMethod(exchange, Methods.GET);
            return list();
        }
        if (path.equals("/test")) {
            JsonEndpoint.requireMethod(exchange, Methods.POST);
            return test(JsonEndpoint.readObject(exchange));
        }
        throw new HuntRequestException(404, null, "No rules endpoint " + exchange.getRequestPath()
                + "; use GET /api/rules or POST /api/rules/test.", null);
    }

    private Map<String, Object> list() {
        List<RuleEntry> entries = detection.rules();
        Map<String, Object> counts = new LinkedHashMap<>();
        for (RuleStatus status : RuleStatus.values()) {
            counts.put(status.label(), entries.stream().filter(entry -> entry.status() == status).count());
        }
        List<Map<String, Object>> rules = new ArrayList<>(entries.size());
        entries.forEach(entry -> rules.add(describe(entry)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("counts", counts);
        body.put("rules", rules);
        return body;
    }

    private Map<String, Object> test(JsonNode request) throws IOException {
        JsonNode yaml = request.path("yaml");
        if (!yaml.isTextual() || yaml.asText().isBlank()) {
            throw HuntRequestException.badParameter("yaml", "Send the rule's Sigma YAML as the string field 'yaml'.");
        }
        Instant from = instant(request, "from");
        Instant to = instant(request, "to");
        int limit = request.path("limit").isMissingNode() || request.path("limit").isNull() ? DEFAULT_LIMIT
                : request.path("limit").asInt(-1);
        if (limit < 0 || limit > BackTest.MAXIMUM_LIMIT) {
            throw HuntRequestException.badParameter("limit", "'limit' must be a number from 0 to "
                    + BackTest.MAXIMUM_LIMIT + ".");
        }
        BackTest.Result result;
        try {
            result = backTest.run(yaml.asText(), IndexNames.LOGS_PATTERN, from, to, limit);
        } catch (IllegalArgumentException noRule) {
            throw HuntRequestException.badParameter("yaml", noRule.getMessage());
        } catch (IOException unavailable) {
            throw new HuntElasticsearch.ElasticsearchUnavailableException("The back-test could not read the events: "
                    + unavailable.getMessage(), unavailable);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new HuntElasticsearch.ElasticsearchUnavailableException("Interrupted during the back-test", interrupted);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rule", describe(result.rule()));
        body.put("scanned", result.scanned());
        body.put("matched", result.matched());
        List<Map<String, Object>> events = new ArrayList<>();
        for (BackTest.MatchedEvent event : result.events()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("index", event.index());
            item.put("id", event.id());
            item.put("@timestamp", event.timestamp());
            item.put("host_name", event.hostName());
            item.put("event_id", event.eventId());
            item.put("process_name", event.processName());
            item.put("process_command_line", event.processCommandLine());
            item.put("original", event.original());
            events.add(item);
        }
        body.put("events", events);
        return body;
    }

    private static Instant instant(JsonNode request, String field) {
        JsonNode value = request.path(field);
        if (value.isMissingNode() || value.isNull() || value.asText().isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException notIso) {
            throw HuntRequestException.badParameter(field, "'" + field + "' must be an ISO-8601 UTC time such as "
                    + "2024-03-01T00:00:00Z, not '" + value.asText() + "'.");
        }
    }

    /** One rule in the contract's shape. */
    static Map<String, Object> describe(RuleEntry entry) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", entry.id());
        rule.put("title", entry.title());
        rule.put("file", entry.file());
        rule.put("line", entry.line());
        rule.put("level", entry.level() == null ? null : entry.level().label());
        rule.put("status", entry.status().label());
        rule.put("reason", entry.reason());
        rule.put("author", entry.author());
        rule.put("tags", entry.tags());
        rule.put("attack_technique_ids", entry.techniqueIds());
        rule.put("attack_tactics", entry.tactics());
        rule.put("logsource", entry.logsource());
        rule.put("hits", entry.hits());
        rule.put("last_hit", entry.lastHit() == null ? null : entry.lastHit().toString());
        return rule;
    }
}
