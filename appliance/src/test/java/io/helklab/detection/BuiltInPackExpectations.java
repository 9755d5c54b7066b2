package io.helklab.detection;

import java.util.Map;

/** The built-in pack's alerts per scenario and rule file, as {@link BuiltInPackTest} pins them, for other tests. */
public final class BuiltInPackExpectations {

    private BuiltInPackExpectations() {
    }

    /** Alerts per rule file ({@code correlation:<file>} for a correlation) that the scenario raises. */
    public static Map<String, Integer> alerts(String scenario) {
        return BuiltInPackTest.EXPECTED.getOrDefault(scenario, Map.of());
    }
}
