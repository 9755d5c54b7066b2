package io.helklab.detection.sigma;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One {@code Field|modifiers: values} entry of a selection: any value matches (all of them with {@code all});
 * {@code neq} negates the result.
 */
final class FieldItem implements Matcher {

    static final String EVENT_ID = "EventID";

    private final String field;
    private final ValueTest[] tests;
    private final boolean all;
    private final boolean negated;

    FieldItem(String field, List<ValueTest> tests, boolean all, boolean negated) {
        this.field = field;
        this.tests = tests.toArray(new ValueTest[0]);
        this.all = all;
        this.negated = negated;
    }

    @Override
    public boolean matches(EventContext event) {
        boolean result = all;
        EventContext.FieldValue value = event.value(field);
        for (ValueTest test : tests) {
            boolean matched = test.test(event, value);
            if (matched != all) {
                result = matched;
                break;
            }
        }
        return result != negated;
    }

    @Override
    public Prefilter prefilter() {
        if (negated) {
            return null;
        }
        List<Prefilter> parts = new ArrayList<>(tests.length);
        for (ValueTest test : tests) {
            Prefilter.Trigger trigger = test.trigger(field);
            parts.add(trigger == null ? null : Prefilter.of(trigger));
        }
        return all ? Prefilter.strongest(parts) : Prefilter.union(parts);
    }

    @Override
    public Set<Integer> requiredEventIds() {
        if (negated || all || !field.equals(EVENT_ID)) {
            return null;
        }
        Set<Integer> ids = new HashSet<>();
        for (ValueTest test : tests) {
            Long value = test.integerEquality();
            if (value == null || value < 0 || value > Integer.MAX_VALUE) {
                return null;
            }
            ids.add(value.intValue());
        }
        return ids;
    }
}
