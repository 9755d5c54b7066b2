package io.helklab.detection;

import io.helklab.detection.correlation.CorrelationRule;
import java.util.List;

/**
 * The outcome of loading rules: a report for every rule and file, the active rules, and the correlation rules.
 * Immutable.
 */
public final class RuleSet {

    private final List<RuleReport> reports;
    private final List<DetectionRule> active;
    private final List<DetectionRule> all;
    private final List<CorrelationRule> correlations;

    RuleSet(List<RuleReport> reports, List<DetectionRule> active, List<DetectionRule> all,
            List<CorrelationRule> correlations) {
        this.reports = List.copyOf(reports);
        this.active = List.copyOf(active);
        this.all = List.copyOf(all);
        this.correlations = List.copyOf(correlations);
    }

    /** One report per rule document, plus one per file or directory that could not be read. */
    public List<RuleReport> reports() {
        return reports;
    }

    /** The rules to evaluate, in load order. */
    public List<DetectionRule> activeRules() {
        return active;
    }

    /** Every rule that compiled, active or disabled (correlation rules may refer to disabled ones). */
    public List<DetectionRule> compiledRules() {
        return all;
    }

    /** Active correlation rules. */
    public List<CorrelationRule> correlations() {
        return correlations;
    }

    /** Counts of reports with the status. */
    public long count(RuleStatus status) {
        return reports.stream().filter(report -> report.status() == status).count();
    }

    /** An engine over the active rules. */
    public DetectionEngine engine() {
        return new DetectionEngine(active);
    }
}
