package io.helklab.detection.sigma;

import com.google.re2j.Pattern;
import java.util.List;

/** One value of a field item, compiled with its modifiers. Immutable and thread-safe; never throws. */
interface ValueTest {

    /**
     * @param event the event, for tests that read another field
     * @param value the field's value in this event
     */
    boolean test(EventContext event, EventContext.FieldValue value);

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
        public boolean test(EventContext event, EventContext.FieldValue value) {
            String text = caseSensitive ? value.raw() : value.lower();
            return text != null && pattern.matches(text);
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
    record NumberTest(String text, Long number) implements ValueTest {
        @Override
        public boolean test(EventContext event, EventContext.FieldValue value) {
            String raw = value.raw();
            if (raw == null) {
                return false;
            }
            if (raw.equalsIgnoreCase(text)) {
                return true;
            }
            Long parsed = number == null ? null : Text.parseInteger(raw);
            return parsed != null && parsed.longValue() == number.longValue();
        }

        @Override
        public Long integerEquality() {
            return number;
        }
    }

    /** {@code null}: the field is absent (JSON null counts as absent). */
    record NullTest() implements ValueTest {
        @Override
        public boolean test(EventContext event, EventContext.FieldValue value) {
            return value.raw() == null;
        }
    }

    /** {@code exists}. */
    record ExistsTest(boolean expected) implements ValueTest {
        @Override
        public boolean test(EventContext event, EventContext.FieldValue value) {
            return (value.raw() != null) == expected;
        }
    }

    /** {@code re}, with a linear-time engine: no rule can make matching backtrack. */
    record RegexTest(Pattern regex) implements ValueTest {
        @Override
        public boolean test(EventContext event, EventContext.FieldValue value) {
            return value.raw() != null && regex.matcher(value.raw()).find();
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
        public boolean test(EventContext event, EventContext.FieldValue value) {
            if (value.raw() == null) {
                return false;
            }
            for (IpNetwork network : networks) {
                if (network.contains(value.raw())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code lt}, {@code lte}, {@code gt}, {@code gte}; a value that is not a number never matches. */
    record CompareTest(String operator, double bound) implements ValueTest {
        @Override
        public boolean test(EventContext event, EventContext.FieldValue value) {
            Double number = Text.parseNumber(value.raw());
            if (number == null) {
                return false;
            }
            return switch (operator) {
                case "lt" -> number < bound;
                case "lte" -> number <= bound;
                case "gt" -> number > bound;
                default -> number >= bound;
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
        public boolean test(EventContext event, EventContext.FieldValue value) {
            EventContext.FieldValue otherValue = event.value(otherField);
            String text = caseSensitive ? value.raw() : value.lower();
            String other = caseSensitive ? otherValue.raw() : otherValue.lower();
            if (text == null || other == null) {
                return false;
            }
            return switch (shape) {
                case "contains" -> text.contains(other);
                case "startswith" -> text.startsWith(other);
                case "endswith" -> text.endsWith(other);
                default -> text.equals(other);
            };
        }
    }
}
