package io.helklab.detection;

/**
 * What loading said about one rule (or one file that yielded no rule).
 *
 * @param file     the rule file
 * @param line     the 1-based line of the rule's document, or of the problem; 0 when unknown
 * @param id       Sigma's {@code id}, or null
 * @param title    the title, or null when the document could not be read
 * @param level    the level, or null
 * @param status   whether the rule is active, and if not why not
 * @param category a short label of the reason for grouping ({@code unknown modifier}), null when active
 * @param reason   the full reason with the line, null when active
 */
public record RuleReport(String file, int line, String id, String title, RuleLevel level, RuleStatus status,
                         String category, String reason) {
}
