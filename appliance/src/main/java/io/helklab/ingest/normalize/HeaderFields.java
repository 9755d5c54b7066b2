package io.helklab.ingest.normalize;

import java.util.Map;

/**
 * Conversions for the header fields every channel shares (SCHEMA.md, "Header fields"); the names are
 * already HELK's when {@link RawEventReader} hands them over.
 */
final class HeaderFields {

    private static final Map<String, FieldRule> RULES = Map.of(
            "host_name", FieldRule.of("host_name", ValueKind.HOST),
            "record_number", FieldRule.of("record_number", ValueKind.NUMBER),
            "process_id", FieldRule.of("process_id", ValueKind.NUMBER),
            "thread_id", FieldRule.of("thread_id", ValueKind.NUMBER),
            "provider_guid", FieldRule.of("provider_guid", ValueKind.GUID),
            "activity_id", FieldRule.of("activity_id", ValueKind.GUID),
            "user_reporter_name", FieldRule.of("user_reporter_name", ValueKind.LOWER),
            "user_reporter_domain", FieldRule.of("user_reporter_domain", ValueKind.LOWER));

    private HeaderFields() {
    }

    static FieldRule rule(String helkName) {
        FieldRule rule = RULES.get(helkName);
        return rule != null ? rule : FieldRule.of(helkName, ValueKind.KEEP);
    }
}
