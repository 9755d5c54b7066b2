package io.helklab.door.hunt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of one request, read with validation: each accessor either returns a value
 * within its bounds or throws a {@link HuntRequestException} naming the parameter, the value and what
 * would be accepted. Not thread-safe; one per request.
 */
public final class Parameters {
    private final Map<String, Deque<String>> values;

    public Parameters(Map<String, Deque<String>> values) {
        this.values = values;
    }

    /** Parameters from plain single values, as tests and callers outside Undertow have them. */
    public static Parameters of(Map<String, String> single) {
        Map<String, Deque<String>> values = new LinkedHashMap<>();
        single.forEach((name, value) -> values.computeIfAbsent(name, key -> new ArrayDeque<>()).add(value));
        return new Parameters(values);
    }

    /** Adds one more value, for repeated parameters such as {@code filter}. */
    public Parameters with(String name, String value) {
        values.computeIfAbsent(name, key -> new ArrayDeque<>()).add(value);
        return this;
    }

    /** Refuses parameters this endpoint does not know, so a typo is an error rather than silently ignored. */
    public void requireOnly(Collection<String> known) {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw HuntRequestException.badParameter(name, "Unknown parameter '" + name + "'. This endpoint accepts: "
                        + String.join(", ", new TreeSet<>(known)) + ".");
            }
        }
    }

    /** The single value, or {@code fallback} when absent or blank. */
    public String text(String name, String fallback, int maximumLength) {
        Deque<String> all = values.get(name);
        if (all == null || all.isEmpty()) {
            return fallback;
        }
        if (all.size() > 1) {
            throw HuntRequestException.badParameter(name, "Parameter '" + name + "' was given " + all.size()
                    + " times; give it once.");
        }
        String value = all.getFirst();
        if (value.length() > maximumLength) {
            throw HuntRequestException.badParameter(name, "Parameter '" + name + "' is " + value.length()
                    + " characters long; at most " + maximumLength + " are accepted.");
        }
        return value.isBlank() ? fallback : value;
    }

    /** The single value, which must be present. */
    public String required(String name, int maximumLength) {
        String value = text(name, null, maximumLength);
        if (value == null) {
            throw HuntRequestException.badParameter(name, "Parameter '" + name + "' is required.");
        }
        return value;
    }

    /** A whole number in {@code [minimum, maximum]}, or {@code fallback} when absent. */
    public int integer(String name, int fallback, int minimum, int maximum) {
        String value = text(name, null, 12);
        if (value == null) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException notANumber) {
            throw HuntRequestException.badParameter(name, "Parameter '" + name + "' must be a whole number, got '"
                    + value + "'.");
        }
        if (parsed < minimum || parsed > maximum) {
            throw HuntRequestException.badParameter(name, "Parameter '" + name + "' must be between " + minimum
                    + " and " + maximum + ", got " + parsed + ".");
        }
        return parsed;
    }

    /** {@code true}/{@code false}, or {@code fallback} when absent. */
    public boolean bool(String name, boolean fallback) {
        String value = text(name, null, 5);
        if (value == null) {
            return fallback;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw HuntRequestException.badParameter(name, "Parameter '" + name
                    + "' must be true or false, got '" + value + "'.");
        };
    }

    /**
     * Every value of a repeatable parameter; comma-separated values are split when {@code splitCommas}.
     * Blank entries are dropped.
     */
    public List<String> list(String name, boolean splitCommas, int maximumCount, int maximumLength) {
        List<String> result = new ArrayList<>();
        for (String value : values.getOrDefault(name, new ArrayDeque<>())) {
            for (String part : splitCommas ? value.split(",") : new String[] {value}) {
                if (part.length() > maximumLength) {
                    throw HuntRequestException.badParameter(name, "A value of parameter '" + name + "' is "
                            + part.length() + " characters long; at most " + maximumLength + " are accepted.");
                }
                if (!part.isBlank()) {
                    result.add(splitCommas ? part.trim() : part);
                }
            }
        }
        if (result.size() > maximumCount) {
            throw HuntRequestException.badParameter(name, "Parameter '" + name + "' has " + result.size()
                    + " values; at most " + maximumCount + " are accepted.");
        }
        return result;
    }

    /** The names present, for diagnostics. */
    public Set<String> names() {
        return values.keySet();
    }
}
