package io.helklab.detection.live;

import io.helklab.detection.DetectionRule;
import io.helklab.detection.RuleLevel;
import io.helklab.detection.RuleReport;
import io.helklab.detection.RuleStatus;
import io.helklab.detection.correlation.CorrelationRule;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One rule as {@code GET /api/rules} and {@code rules test} show it: what it is, whether and why it works, and how
 * often it fired since the appliance started.
 *
 * @param id                 Sigma's {@code id} ({@code ioc:<file>} for an IOC list), or null
 * @param title              the title, or null when the document could not be read
 * @param file               the rule file
 * @param line               the line of the rule's document or of its problem; 0 when unknown
 * @param level              the level, or null
 * @param status             active, disabled, unsupported or error
 * @param reason             why it is not active (or how it failed on events), null when all is well
 * @param author             the author, or null
 * @param tags               the tags
 * @param techniqueIds       ATT&CK technique ids from its tags
 * @param tactics            ATT&CK tactics from its tags
 * @param logsource          the events it sees ({@code windows/process_creation}), or null
 * @param hits               alerts-worthy matches since start
 * @param lastHit            when it last matched (wall-clock), or null
 */
public record RuleEntry(String id, String title, String file, int line, RuleLevel level, RuleStatus status,
                        String reason, String author, List<String> tags, List<String> techniqueIds,
                        List<String> tactics, String logsource, long hits, Instant lastHit) {

    public RuleEntry {
        tags = List.copyOf(tags);
        techniqueIds = List.copyOf(techniqueIds);
        tactics = List.copyOf(tactics);
    }

    /**
     * The entry of a loaded rule's report, with what the compiled rule (or correlation rule) says about it when it
     * compiled; {@code status} and {@code reason} override the report's (a rule that fails on events).
     */
    static RuleEntry of(RuleReport report, DetectionRule rule, CorrelationRule correlation, RuleStatus status,
                        String reason, long hits, Instant lastHit) {
        String author = rule != null ? rule.author() : correlation != null ? correlation.author() : null;
        List<String> tags = rule != null ? rule.tags() : correlation != null ? correlation.tags() : List.of();
        DetectionRule tagged = new DetectionRule(null, null, "", null, null, null, tags, "", 0, null, null);
        String logsource = rule != null && rule.logsource() != null ? rule.logsource().description()
                : correlation != null ? "correlation/" + correlation.type().name().toLowerCase(Locale.ROOT) : null;
        return new RuleEntry(report.id(), report.title(), report.file(), report.line(), report.level(), status, reason,
                author, tags, tagged.techniqueIds(), tagged.tactics(), logsource, hits, lastHit);
    }
}
