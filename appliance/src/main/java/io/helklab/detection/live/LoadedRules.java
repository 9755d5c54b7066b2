package io.helklab.detection.live;

import io.helklab.detection.DetectionEngine;
import io.helklab.detection.RuleSet;
import io.helklab.detection.correlation.CorrelationEngine;
import io.helklab.detection.ioc.IocList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One load of every rule source: the rule set, its engine, the IOC lists and the correlation windows. Replaced
 * whole when a source changes, so an event is always matched against one consistent set. Correlation windows are
 * kept per namespace (parallel tests must not complete each other's windows) and start empty with each load.
 * Thread-safe.
 */
final class LoadedRules {
    final RuleSet rules;
    final DetectionEngine engine;
    final List<IocList> iocLists;
    /** IOC files that could not be read: file → reason. */
    final Map<String, String> iocProblems;
    /** Answers which rules alert on their own (a rule only a correlation refers to does not). */
    final CorrelationEngine alertPolicy;
    private final Map<String, CorrelationEngine> windows = new ConcurrentHashMap<>();

    LoadedRules(RuleSet rules, List<IocList> iocLists, Map<String, String> iocProblems) {
        this.rules = rules;
        this.engine = rules.engine();
        this.iocLists = List.copyOf(iocLists);
        this.iocProblems = Map.copyOf(iocProblems);
        this.alertPolicy = new CorrelationEngine(rules.correlations(), rules.compiledRules());
    }

    /** The correlation windows of a namespace ({@code null}: HELK's own topics). */
    CorrelationEngine correlations(String namespace) {
        return windows.computeIfAbsent(namespace == null ? "" : namespace,
                unused -> new CorrelationEngine(rules.correlations(), rules.compiledRules()));
    }
}
