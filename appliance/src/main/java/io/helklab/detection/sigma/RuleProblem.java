package io.helklab.detection.sigma;

import io.helklab.detection.RuleStatus;

/**
 * Why a rule cannot be active: a feature this engine does not implement ({@link RuleStatus#UNSUPPORTED}) or an
 * invalid rule ({@link RuleStatus#ERROR}), with the YAML line and a short category for grouping in reports.
 */
public final class RuleProblem extends Exception {

    private final RuleStatus status;
    private final String category;
    private final int line;

    private RuleProblem(RuleStatus status, String category, String message, int line, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.category = category;
        this.line = line;
    }

    /** Valid Sigma the engine does not implement. */
    public static RuleProblem unsupported(String category, String message, int line) {
        return new RuleProblem(RuleStatus.UNSUPPORTED, category, message, line, null);
    }

    /** An invalid rule. */
    public static RuleProblem error(String category, String message, int line) {
        return new RuleProblem(RuleStatus.ERROR, category, message, line, null);
    }

    public static RuleProblem error(String category, String message, int line, Throwable cause) {
        return new RuleProblem(RuleStatus.ERROR, category, message, line, cause);
    }

    public RuleStatus status() {
        return status;
    }

    /** A short, stable label such as {@code unknown modifier 'foo'}, for counting rules by reason. */
    public String category() {
        return category;
    }

    /** The 1-based YAML line, or 0 when unknown. */
    public int line() {
        return line;
    }
}
