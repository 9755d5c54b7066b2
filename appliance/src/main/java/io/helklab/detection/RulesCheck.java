package io.helklab.detection;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Offline rule check (no appliance): parses every rule under the given paths and prints how many are active,
 * disabled, unsupported or in error, the non-active ones grouped by reason with an example each.
 */
public final class RulesCheck {

    private static final int EXAMPLES_PER_REASON = 3;

    private RulesCheck() {
    }

    /** {@code RulesCheck DIR…}; exits as {@link #run} says. */
    public static void main(String[] arguments) {
        if (arguments.length == 0) {
            System.err.println("usage: rules check DIR [DIR…]  (Sigma rule directories or files)");
            System.exit(2);
        }
        List<Path> paths = new ArrayList<>();
        for (String argument : arguments) {
            paths.add(Path.of(argument));
        }
        System.exit(run(paths, System.out));
    }

    /**
     * Checks the rules under the paths and prints the report. Returns 1 when any rule (or path) is in error, so a
     * rule repository's CI fails on a broken rule, and 0 otherwise: unsupported and disabled rules are reported but
     * are not mistakes in the rules.
     */
    public static int run(List<Path> paths, PrintStream out) {
        RuleSet rules = new RuleLoader(RuleLoadOptions.defaults()).addPaths(paths).build();
        print(rules, out);
        return rules.count(RuleStatus.ERROR) > 0 ? 1 : 0;
    }

    /** Writes the report for a loaded rule set. */
    public static void print(RuleSet rules, PrintStream out) {
        List<RuleReport> reports = rules.reports();
        out.printf("%d rules: %d active, %d disabled, %d unsupported, %d error%n", reports.size(),
                rules.count(RuleStatus.ACTIVE), rules.count(RuleStatus.DISABLED),
                rules.count(RuleStatus.UNSUPPORTED), rules.count(RuleStatus.ERROR));
        for (RuleStatus status : List.of(RuleStatus.DISABLED, RuleStatus.UNSUPPORTED, RuleStatus.ERROR)) {
            Map<String, List<RuleReport>> byReason = reports.stream()
                    .filter(report -> report.status() == status)
                    .collect(Collectors.groupingBy(RuleReport::category, TreeMap::new, Collectors.toList()));
            if (byReason.isEmpty()) {
                continue;
            }
            out.printf("%n%s:%n", status.label());
            byReason.entrySet().stream()
                    .sorted(Comparator.comparing((Map.Entry<String, List<RuleReport>> entry) -> -entry.getValue().size())
                            .thenComparing(Map.Entry::getKey))
                    .forEach(entry -> {
                        out.printf("  %5d  %s%n", entry.getValue().size(), entry.getKey());
                        entry.getValue().stream().limit(EXAMPLES_PER_REASON).forEach(report ->
                                out.printf("           %s%s: %s%n", report.file(),
                                        report.line() > 0 ? ":" + report.line() : "", report.reason()));
                    });
        }
    }
}
