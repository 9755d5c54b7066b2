package io.helklab.detection.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * A keyword search (a list of plain values under a search identifier): a value matches when it is found in any
 * value of the event. A keyword without wildcards is searched as a substring, as Sigma's keyword lists mean "this
 * text appears in the event"; with {@code all} every keyword must be found.
 */
final class KeywordItem implements Matcher {

    private final StringPattern[] patterns;
    private final boolean caseSensitive;
    private final boolean all;

    KeywordItem(List<StringPattern> patterns, boolean caseSensitive, boolean all) {
        this.patterns = patterns.toArray(new StringPattern[0]);
        this.caseSensitive = caseSensitive;
        this.all = all;
    }

    @Override
    public boolean matches(EventContext event) {
        for (StringPattern pattern : patterns) {
            boolean found = found(event, pattern);
            if (found != all) {
                return found;
            }
        }
        return all;
    }

    private boolean found(EventContext event, StringPattern pattern) {
        Iterable<String> values = caseSensitive ? event.rawValues() : event.lowerValues();
        for (String value : values) {
            if (value != null && pattern.matches(value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Prefilter prefilter() {
        List<Prefilter> parts = new ArrayList<>(patterns.length);
        for (StringPattern pattern : patterns) {
            String literal = Text.lower(pattern.requiredLiteral());
            parts.add(literal.length() >= Prefilter.MINIMUM_LITERAL
                    ? Prefilter.of(new Prefilter.Trigger(null, literal, false)) : null);
        }
        return all ? Prefilter.strongest(parts) : Prefilter.union(parts);
    }
}
