package io.helklab.detection;

import io.helklab.detection.sigma.Logsource;
import io.helklab.detection.sigma.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A compiled Sigma detection rule: what an alert says about it, which events it sees and its condition.
 * Immutable and thread-safe.
 *
 * @param id          Sigma's {@code id}, or null when the rule has none
 * @param name        Sigma's {@code name} (what correlation rules refer to), or null
 * @param title       the title
 * @param sigmaStatus Sigma's {@code status} ({@code stable}, {@code test}, …), or null
 * @param level       the level, or null when the rule gives none
 * @param author      the author as written (SigmaHQ's licence requires it on every alert), or null
 * @param tags        the tags as written
 * @param file        the file the rule came from
 * @param line        the 1-based line of the rule's document in that file
 * @param logsource   the events the rule sees
 * @param condition   the compiled detection
 */
public record DetectionRule(String id, String name, String title, String sigmaStatus, RuleLevel level,
                            String author, List<String> tags, String file, int line, Logsource logsource,
                            Matcher condition) {

    private static final Pattern TECHNIQUE = Pattern.compile("t\\d{4}(\\.\\d{3})?");
    private static final Pattern GROUP_OR_SOFTWARE = Pattern.compile("[gs]\\d{4}");

    public DetectionRule {
        tags = List.copyOf(tags);
    }

    /** The id alerts carry: Sigma's {@code id}, else the file and line (stable while the file is unchanged). */
    public String key() {
        return id != null ? id : file + ":" + line;
    }

    /** ATT&CK technique ids from {@code attack.tNNNN[.NNN]} tags, upper case ({@code T1059.001}), unknown ids kept. */
    public List<String> techniqueIds() {
        List<String> ids = new ArrayList<>();
        for (String tag : tags) {
            String lower = tag.toLowerCase(Locale.ROOT);
            if (lower.startsWith("attack.") && TECHNIQUE.matcher(lower.substring(7)).matches()) {
                ids.add(lower.substring(7).toUpperCase(Locale.ROOT));
            }
        }
        return ids;
    }

    /** ATT&CK tactics from the other {@code attack.*} tags, as ATT&CK spells them ({@code defense-evasion}). */
    public List<String> tactics() {
        List<String> tactics = new ArrayList<>();
        for (String tag : tags) {
            String lower = tag.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("attack.")) {
                continue;
            }
            String value = lower.substring(7);
            if (!value.isEmpty() && !TECHNIQUE.matcher(value).matches()
                    && !GROUP_OR_SOFTWARE.matcher(value).matches()) {
                tactics.add(value.replace('_', '-'));
            }
        }
        return tactics;
    }
}
