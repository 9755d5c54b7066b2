package io.helklab.samples.generator;

import java.util.Locale;

/**
 * How HELK's normaliser stores the values answer keys quote (SCHEMA.md): paths, names, command lines,
 * users and query names lower-cased; GUIDs lower-cased without braces; hex ids and access masks as
 * decimal numbers. Host names stay as the event log writes them. Stateless and thread-safe.
 */
public final class HelkValues {

    private HelkValues() {
    }

    /** A host name as HELK stores it in {@code host_name}: lower-cased. */
    public static String host(String fullyQualifiedName) {
        return fullyQualifiedName.toLowerCase(Locale.ROOT);
    }

    public static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    /** {@code {A81C5E37-…}} → {@code a81c5e37-…}. */
    public static String guid(String value) {
        return lower(value.replace("{", "").replace("}", ""));
    }

    /** {@code 0x1fffff} → 2097151; decimal strings pass through as numbers. */
    public static long number(String value) {
        String trimmed = value.trim();
        return trimmed.startsWith("0x") || trimmed.startsWith("0X") ? Long.parseLong(trimmed.substring(2), 16) : Long.parseLong(trimmed);
    }
}
