package io.helklab.ingest.normalize;

import java.util.HashMap;
import java.util.Map;

/**
 * Where one raw event-data field goes: the HELK field name, the conversion, and optionally a second
 * field that receives a copy of the converted value (Sysmon's {@code QueryName} also fills {@code dst_host_name}).
 */
record FieldRule(String target, ValueKind kind, String copyTo) {

    static FieldRule of(String target, ValueKind kind) {
        return new FieldRule(target, kind, null);
    }

    /** Small builder for the rule tables; later entries replace earlier ones with the same raw name. */
    static final class Table {
        private final Map<String, FieldRule> rules = new HashMap<>();

        Table include(Map<String, FieldRule> other) {
            rules.putAll(other);
            return this;
        }

        Table put(String raw, String target, ValueKind kind) {
            rules.put(raw, of(target, kind));
            return this;
        }

        Table put(String raw, String target) {
            return put(raw, target, ValueKind.KEEP);
        }

        Table lower(String raw, String target) {
            return put(raw, target, ValueKind.LOWER);
        }

        Table commandLine(String raw, String target) {
            return put(raw, target, ValueKind.COMMAND_LINE);
        }

        Table number(String raw, String target) {
            return put(raw, target, ValueKind.NUMBER);
        }

        Table port(String raw, String target) {
            return put(raw, target, ValueKind.PORT);
        }

        Table copy(String raw, String target, ValueKind kind, String copyTo) {
            rules.put(raw, new FieldRule(target, kind, copyTo));
            return this;
        }

        Map<String, FieldRule> build() {
            return Map.copyOf(rules);
        }
    }
}
