package io.helklab.detection.live;

import io.helklab.detection.DetectionRule;
import io.helklab.detection.correlation.CorrelationAlert;
import io.helklab.detection.correlation.CorrelationRule;
import io.helklab.detection.ioc.IocList;
import io.helklab.ingest.normalize.NormalizedEvent;
import io.helklab.schema.IndexNames;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds alert documents (SCHEMA.md, "Alerts") from a matched event's HELK document and the rule that matched:
 * the rule's description, where the event is, and the event's host, user and process fields under HELK's names.
 * Stateless.
 */
final class AlertDocuments {

    private AlertDocuments() {
    }

    /** {@code [<namespace>.]alerts-YYYY.MM.DD}, dated like the event's own index. */
    static String index(NormalizedEvent event, String namespace) {
        String eventIndex = event.index();
        String day = eventIndex.length() >= 10 ? eventIndex.substring(eventIndex.length() - 10) : "unknown";
        return (namespace == null ? "" : namespace + ".") + IndexNames.ALERTS_PREFIX + day;
    }

    static Alert forRule(DetectionRule rule, NormalizedEvent event, Map<String, Object> fields, String index,
                         Instant detectedAt) {
        Map<String, Object> source = describe(rule.key(), rule.title(), rule.level() == null ? null : rule.level().label(),
                rule.sigmaStatus(), rule.author(), rule.tags(), rule.file(), rule.techniqueIds(), rule.tactics());
        eventFields(source, event, fields, detectedAt);
        return new Alert(index, Alert.id(rule.key(), event.id()), source);
    }

    static Alert forCorrelation(CorrelationAlert fired, NormalizedEvent event, Map<String, Object> fields,
                                String index, Instant detectedAt) {
        CorrelationRule rule = fired.rule();
        DetectionRule tagged = new DetectionRule(rule.id(), rule.name(), rule.title(), rule.sigmaStatus(), rule.level(),
                rule.author(), rule.tags(), rule.file(), rule.line(), null, null);
        Map<String, Object> source = describe(rule.key(), rule.title(), rule.level() == null ? null : rule.level().label(),
                rule.sigmaStatus(), rule.author(), rule.tags(), rule.file(), tagged.techniqueIds(), tagged.tactics());
        eventFields(source, event, fields, detectedAt);
        source.put("correlation_type", rule.type().name().toLowerCase(Locale.ROOT));
        source.put("correlation_rules", rule.rules());
        source.put("correlation_group", fired.group());
        source.put("correlation_count", fired.count());
        source.put("correlation_first_event", fired.firstEvent().toString());
        return new Alert(index, Alert.id(rule.key(), event.id()), source);
    }

    static Alert forIoc(IocList list, List<String> indicators, NormalizedEvent event, Map<String, Object> fields,
                        String index, Instant detectedAt) {
        String key = "ioc:" + list.name();
        Map<String, Object> source = describe(key, "Indicator from " + list.name() + ": " + String.join(", ", indicators),
                "high", "stable", "HELK lab IOC list " + list.name(), List.of(), list.name(), List.of(), List.of());
        eventFields(source, event, fields, detectedAt);
        source.put("ioc_match", indicators);
        return new Alert(index, Alert.id(key, event.id()), source);
    }

    private static Map<String, Object> describe(String id, String title, String level, String status, String author,
                                                List<String> tags, String file, List<String> techniques,
                                                List<String> tactics) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("rule_id", id);
        source.put("rule_title", title);
        source.put("rule_level", level);
        source.put("rule_status", status);
        source.put("rule_author", author);
        source.put("rule_tags", tags);
        source.put("rule_file", file);
        source.put("attack_technique_ids", techniques);
        source.put("attack_tactics", tactics);
        return source;
    }

    private static void eventFields(Map<String, Object> source, NormalizedEvent event, Map<String, Object> fields,
                                    Instant detectedAt) {
        source.put("event_doc_index", event.index());
        source.put("event_doc_id", event.id());
        source.put("event_id", fields.get("event_id"));
        source.put("host_name", fields.get("host_name"));
        source.put("log_name", fields.get("log_name"));
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            String name = field.getKey();
            if (name.startsWith("user_") || name.startsWith("process_") || name.startsWith("target_process_")) {
                source.put(name, field.getValue());
            }
        }
        source.put("@timestamp", fields.get("@timestamp"));
        source.put("detected_at", detectedAt.toString());
    }
}
