package io.helklab.detection.sigma;

import com.google.re2j.Pattern;
import java.util.List;

/** One value of a field item, compiled with its modifiers. Immutable and thread-safe; never throws. */
interface ValueTest {

    boolean test(EventContext event, String field);

    /** A literal the field must hold when this matches, or null. */
    default Prefilter.Trigger trigger(String field) {
        return null;
    }

    /** The integer this value equals, when it is a plain integer equality; null otherwise. */
    default Long integerEquality() {
        return null;
    }

    /** A string with wildcards, compared case-insensitively unless {@code cased}, base64 or compiled so. */
    record PatternTest(StringPattern pattern, boolean caseSensitive) implements ValueTest {
        @Override
        public boolean test(EventContext event, String field) {
            String value = caseSensitive ? event.raw(field) : event.lower(field);
            return value != null && pattern.matches(value);
        }

        @Override
        public Prefilter.Trigger trigger(String field) {
            if (pattern.isExact()) {
                return new Prefilter.Trigger(field, Text.lower(pattern.exactValue()), true);
            }
            String literal = Text.lower(pattern.requiredLiteral());
            return literal.length() >= Prefilter.MINIMUM_LITERAL ? new Prefilter.Trigger(field, literal, false) : null;
        }

        @Override
        public Long integerEquality() {
            return pattern.isExact() ? Text.parseInteger(pattern.exactValue()) : null;
        }
    }

    /** A YAML number: equal as text, or as an integer ({@code 4688} matches {@code "4688"} and {@code " 4688"}). */
    record NumberTest(String text, Long value) implements ValueTest {
        @Override
        public boolean test(EventContext event, String field) {
            String raw = event.raw(field);
            if (raw == null) {
                return false;
            }
            if (raw.equalsIgnoreCase(text)) {
                return true;
            }
            Long parsed = value == null ? null : Text.parseInteger(raw);
            return parsed != null && parsed.longValue() == value.longValue();
        }

        @Override
        public Long integerEquality() {
            return value;
        }
    }

    /** {@code null}: the field is absent (JSON null counts as absent). */
    record NullTest() implements ValueTest {
        @Override
        public boolean test(EventContext event, String field) {
            return event.raw(field) == null;
        }
    }

    /** {@code exists}. */
    record ExistsTest(boolean expected) implements ValueTest {
        @Override
        public boolean test(EventContext event, String field) {
            return (event.raw(field) != null) == expected;
        }
    }

    /** {@code re}, with a linear-time engine: no rule can make matching backtrack. */
    record RegexTest(Pattern regex) implements ValueTest {
        @Override
        public boolean test(EventContext event, String field) {
            String value = event.raw(field);
            return value != null && regex.matcher(value).find();
        }

        @Override
        public Prefilter.Trigger trigger(String field) {
            String literal = RegexLiterals.requiredLiteral(regex.pattern());
            return literal.length() >= Prefilter.MINIMUM_LITERAL ? new Prefilter.Trigger(field, literal, false) : null;
        }
    }

    /** {@code cidr}. */
    record CidrTest(List<IpNetwork> networks) implements ValueTest {
        @Override
        public boolean test(EventContext event, String field) {
            String value = event.raw(field);
            if (value == null) {
                return false;
            }
            for (IpNetwork network : networks) {
                if (network.contains(value)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code lt}, {@code lte}, {@code gt}, {@code gte}; a value that is not a number never matches. */
    record CompareTest(String operator, double bound) implements ValueTest {
        @Override
        public boolean test(EventContext event, String field) {
            Double value = Text.parseNumber(event.raw(field));
            if (value == null) {
                return false;
            }
            return switch (operator) {
                case "lt" -> value < bound;
                case "lte" -> value <= bound;
                case "gt" -> value > bound;
                default -> value >= bound;
            };
        }
    }

    /**
     * {@code fieldref}: compares with another field of the same event.
     *
     * @param shape {@code equals}, {@code contains}, {@code startswith} or {@code endswith}
     */
    record FieldReferenceTest(String otherField, String shape, boolean caseSensitive) implements ValueTest {
        @Override
        public boolean test(EventContext event, String field) {
            String value = caseSensitive ? event.raw(field) : event.lower(field);
            String other = caseSensitive ? event.raw(otherField) : event.lower(otherField);
            if (value == null || other == null) {
                return false;
            }
            return switch (shape) {
                case "contains" -> value.contains(other);
                case "startswith" -> value.startsWith(other);
                case "endswith" -> value.endsWith(other);
                default -> value.equals(other);
            };
        }
    }
}
