package io.helklab.ingest.normalize;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects the fields of one output document and applies the {@link ValueKind} conversions.
 *
 * <p>One instance per record, used by one thread. A value that cannot fit its typed field never makes the
 * document unindexable: the typed field is left out, the raw text goes to {@code <field>_orig}, and a line is
 * added to {@code event_parse_warnings}.
 */
final class DocumentBuilder {

    static final String WARNINGS_FIELD = "event_parse_warnings";
    private static final int WARNING_VALUE_LIMIT = 120;

    private final Map<String, Object> fields = new LinkedHashMap<>(96);
    private List<String> warnings;

    Map<String, Object> fields() {
        if (warnings != null) {
            fields.put(WARNINGS_FIELD, warnings);
        }
        return fields;
    }

    /** Puts a value as it is; a dotted name ({@code powershell.scriptblock.text}) becomes nested objects. */
    @SuppressWarnings("unchecked")
    void put(String name, Object value) {
        if (name.indexOf('.') < 0) {
            fields.put(name, value);
            return;
        }
        Map<String, Object> parent = fields;
        int start = 0;
        int dot;
        while ((dot = name.indexOf('.', start)) >= 0) {
            String part = name.substring(start, dot);
            Object child = parent.get(part);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                parent.put(part, child);
            }
            parent = (Map<String, Object>) child;
            start = dot + 1;
        }
        parent.put(name.substring(start), value);
    }

    void putTime(String name, Instant instant) {
        fields.put(name, instant.truncatedTo(ChronoUnit.MILLIS).toString());
    }

    void warn(String message) {
        if (warnings == null) {
            warnings = new ArrayList<>(2);
        }
        warnings.add(message);
    }

    /**
     * Converts and stores one raw value under the rule's HELK name. Windows' placeholders for "no value"
     * (empty text and a lone {@code -}) are dropped, as HELK's {@code 1500-*} cleanup does. Every kind but
     * {@link ValueKind#KEEP} also drops surrounding blanks ({@code "User32 "} in 4624 becomes {@code user32}).
     */
    void apply(String rawName, String rawValue, FieldRule rule) {
        if (isPlaceholder(rawValue)) {
            return;
        }
        String target = rule.target();
        Object stored = switch (rule.kind()) {
            case SKIP -> null;
            case KEEP -> store(target, rawValue);
            case LOWER, HOST -> store(target, lower(rawValue.strip()));
            case COMMAND_LINE -> store(target, lower(rawValue));
            case GUID -> store(target, ValueParsers.normalizeGuid(rawValue));
            case NUMBER -> storeNumber(target, rawValue, false);
            case ACCESS_MASK -> storeNumber(target, rawValue, true);
            case PORT -> storePort(target, rawValue);
            case BOOLEAN -> storeBoolean(target, rawValue);
            case IP -> storeIp(target, rawValue);
            case DATE -> storeDate(target, rawValue);
            case PROCESS_PATH -> storeProcessPath(target, rawValue);
            case ACCOUNT -> storeAccount(target, rawValue);
            case HASHES -> storePairs(rawName, target, rawValue, false);
            case RULE_NAME -> storePairs(rawName, target, rawValue, true);
        };
        if (stored != null && rule.copyTo() != null) {
            fields.put(rule.copyTo(), stored);
        }
    }

    /** A field no rule knows: kept under its own name, lower-cased where HELK lower-cases that name. */
    void applyUnknown(String rawName, String rawValue) {
        if (isPlaceholder(rawValue)) {
            return;
        }
        String value = WindowsRules.LOWER_CASE_RAW_NAMES.contains(rawName) ? lower(rawValue) : rawValue;
        fields.put(safeFieldName(rawName), value);
    }

    static boolean isPlaceholder(String value) {
        return value.isEmpty() || value.equals("-") || value.isBlank();
    }

    static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    /**
     * Elasticsearch rejects empty names, names starting with {@code _} (metadata fields) and treats dots as
     * object paths (a {@code a.b} next to a string {@code a} would be a mapping conflict).
     */
    static String safeFieldName(String name) {
        String safe = name.strip();
        if (safe.isEmpty()) {
            return "unnamed_field";
        }
        if (safe.indexOf('.') >= 0) {
            safe = safe.replace('.', '_');
        }
        if (safe.charAt(0) == '_') {
            safe = "raw" + safe;
        }
        return safe;
    }

    private Object store(String target, Object value) {
        put(target, value);
        return value;
    }

    private Object storeNumber(String target, String rawValue, boolean keepOriginal) {
        Long number = ValueParsers.parseInteger(rawValue);
        if (number == null) {
            return keepRaw(target, rawValue, "is not a decimal or 0x-hexadecimal integer");
        }
        put(target, number);
        if (keepOriginal) {
            put(target + "_orig", lower(rawValue.strip()));
        }
        return number;
    }

    private Object storePort(String target, String rawValue) {
        Long port = ValueParsers.parseInteger(rawValue);
        return port == null || port > 65535
                ? keepRaw(target, rawValue, "is not a port number (0 to 65535)")
                : store(target, port);
    }

    private Object storeBoolean(String target, String rawValue) {
        Boolean value = ValueParsers.parseBoolean(rawValue);
        return value == null ? keepRaw(target, rawValue, "is not true or false") : store(target, value);
    }

    private Object storeIp(String target, String rawValue) {
        String value = lower(rawValue.strip());
        return ValueParsers.isIpLiteral(value)
                ? store(target, value)
                : keepRaw(target, rawValue, "is not an IPv4 or IPv6 address");
    }

    private Object storeDate(String target, String rawValue) {
        TimestampParser.ParsedTime time = TimestampParser.parse(rawValue);
        if (time == null) {
            return keepRaw(target, rawValue, "is not a recognised timestamp");
        }
        putTime(target, time.instant());
        return fields.get(target);
    }

    private Object storeProcessPath(String target, String rawValue) {
        String path = lower(rawValue.strip());
        put(target, path);
        put(target.substring(0, target.length() - "_path".length()) + "_name", ValueParsers.basename(path));
        return path;
    }

    private Object storeAccount(String target, String rawValue) {
        String account = lower(rawValue.strip());
        put(target, account);
        String prefix = target.substring(0, target.length() - "_account".length());
        int separator = account.indexOf('\\');
        if (separator >= 0) {
            put(prefix + "_domain", account.substring(0, separator));
            put(prefix + "_name", account.substring(separator + 1));
        } else {
            put(prefix + "_name", account);
        }
        return account;
    }

    /**
     * {@code SHA1=…,MD5=…} as {@code <prefix>sha1}, {@code <prefix>md5}; for Sysmon's {@code RuleName}, text
     * without {@code =} is the rule's name. Keys are lower-cased, blanks in keys become underscores.
     */
    private Object storePairs(String rawName, String prefix, String rawValue, boolean plainIsName) {
        if (rawValue.indexOf('=') < 0) {
            if (plainIsName) {
                return store(prefix + "name", rawValue);
            }
            return keepRaw(prefix.substring(0, prefix.length() - 1), rawValue,
                    "has no ALGORITHM=value pairs (field " + rawName + ")");
        }
        int start = 0;
        int length = rawValue.length();
        while (start < length) {
            int end = rawValue.indexOf(',', start);
            if (end < 0) {
                end = length;
            }
            int equals = rawValue.indexOf('=', start);
            if (equals > start && equals < end) {
                String key = lower(rawValue.substring(start, equals).strip()).replace(' ', '_');
                String value = rawValue.substring(equals + 1, end).strip();
                if (!key.isEmpty() && !value.isEmpty()) {
                    put(prefix + safeFieldName(key), value);
                }
            }
            start = end + 1;
        }
        return null;
    }

    private Object keepRaw(String target, String rawValue, String problem) {
        if (target.indexOf('.') < 0) {
            fields.remove(target); // a header value under the same name must not pass for this one
        }
        put(target + "_orig", rawValue);
        String shown = rawValue.length() > WARNING_VALUE_LIMIT
                ? rawValue.substring(0, WARNING_VALUE_LIMIT) + "…" : rawValue;
        warn(target + ": '" + shown + "' " + problem + "; kept in " + target + "_orig");
        return null;
    }
}
