package io.helklab.detection.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.detection.MapEvent;
import io.helklab.detection.RuleReport;
import io.helklab.detection.RuleStatus;
import io.helklab.detection.Rules;
import org.junit.jupiter.api.Test;

/** Condition forms from the specification's "Condition" section. */
class ConditionTest {

    private static final String SELECTIONS = """
            selection_image:
                Image|endswith: '\\rundll32.exe'
            selection_cli:
                CommandLine|contains: 'javascript:'
            filter_signed:
                Signed: 'true'
            _helper:
                User: 'SYSTEM'
            keywords:
                - 'mshtml'
            """;

    private static boolean matches(String condition, MapEvent event) {
        String detection = SELECTIONS + "condition: " + condition;
        boolean indexed = Rules.matches(detection, event);
        assertThat(Rules.matchesDirectly(detection, event)).as("direct and indexed agree").isEqualTo(indexed);
        return indexed;
    }

    private static MapEvent event(String image, String commandLine) {
        MapEvent event = MapEvent.sysmon(1).with("Image", image).with("CommandLine", commandLine);
        return event;
    }

    private final MapEvent both = event("C:\\Windows\\System32\\rundll32.exe", "rundll32 javascript:\"\\..\\mshtml\"");
    private final MapEvent imageOnly = event("C:\\Windows\\System32\\rundll32.exe", "rundll32 shell32.dll,Control_RunDLL");
    private final MapEvent neither = event("C:\\Windows\\notepad.exe", "notepad");

    @Test
    void andOr() {
        assertThat(matches("selection_image and selection_cli", both)).isTrue();
        assertThat(matches("selection_image and selection_cli", imageOnly)).isFalse();
        assertThat(matches("selection_image or selection_cli", imageOnly)).isTrue();
        assertThat(matches("selection_image or selection_cli", neither)).isFalse();
    }

    @Test
    void notAndPrecedence() {
        assertThat(matches("selection_image and not selection_cli", imageOnly)).isTrue();
        assertThat(matches("selection_image and not selection_cli", both)).isFalse();
        // and binds tighter than or: (image and cli) or keywords
        assertThat(matches("selection_image and selection_cli or keywords", imageOnly)).isFalse();
        // not binds tighter than and
        assertThat(matches("not selection_cli and selection_image", imageOnly)).isTrue();
        assertThat(matches("NOT selection_cli AND selection_image", imageOnly)).isTrue();
    }

    @Test
    void parentheses() {
        assertThat(matches("selection_image and (selection_cli or keywords)", both)).isTrue();
        assertThat(matches("selection_image and (selection_cli or keywords)", imageOnly)).isFalse();
        assertThat(matches("not (selection_image or selection_cli)", neither)).isTrue();
        assertThat(matches("((selection_image))", imageOnly)).isTrue();
    }

    @Test
    void oneOfAndAllOfPatterns() {
        assertThat(matches("1 of selection_*", imageOnly)).isTrue();
        assertThat(matches("all of selection_*", imageOnly)).isFalse();
        assertThat(matches("all of selection_*", both)).isTrue();
        assertThat(matches("1 of selection* and not 1 of filter*", imageOnly)).isTrue();
        assertThat(matches("1 of selection* and not 1 of filter*", imageOnly.with("Signed", "true"))).isFalse();
        assertThat(matches("any of selection_*", imageOnly)).isTrue();
    }

    @Test
    void themExcludesIdentifiersStartingWithUnderscore() {
        MapEvent system = neither.with("User", "SYSTEM");
        assertThat(matches("1 of them", system)).isFalse();
        assertThat(matches("1 of _*", system)).isTrue();
        MapEvent allButHelper = event("C:\\x\\rundll32.exe", "javascript: mshtml").with("Signed", "true");
        assertThat(matches("all of them", allButHelper)).isTrue();
    }

    @Test
    void conditionListIsOr() {
        String detection = SELECTIONS + "condition:\n    - selection_cli\n    - keywords";
        assertThat(Rules.matches(detection, event("x", "y mshtml"))).isTrue();
        assertThat(Rules.matches(detection, neither)).isFalse();
    }

    @Test
    void undefinedIdentifierIsAnErrorNamingIt() {
        RuleReport report = Rules.report(Rules.processCreation(SELECTIONS + "condition: selection and missing"));
        assertThat(report.status()).isEqualTo(RuleStatus.ERROR);
        assertThat(report.reason()).contains("'selection'");
    }

    @Test
    void patternMatchingNothingIsAnError() {
        RuleReport report = Rules.report(Rules.processCreation(SELECTIONS + "condition: 1 of nothing_*"));
        assertThat(report.status()).isEqualTo(RuleStatus.ERROR);
        assertThat(report.category()).isEqualTo("pattern matches no search identifier");
    }

    @Test
    void syntaxErrorsAreErrors() {
        for (String condition : new String[] {"selection_cli and", "(selection_cli", "selection_cli )", "and keywords"}) {
            RuleReport report = Rules.report(Rules.processCreation(SELECTIONS + "condition: '" + condition + "'"));
            assertThat(report.status()).as(condition).isEqualTo(RuleStatus.ERROR);
        }
    }

    @Test
    void conditionNestedTenThousandDeepIsAnErrorNotAStackOverflow() {
        String deep = "(".repeat(10_000) + "keywords" + ")".repeat(10_000);
        RuleReport report = Rules.report(Rules.processCreation(SELECTIONS + "condition: '" + deep + "'"));
        assertThat(report.status()).isEqualTo(RuleStatus.ERROR);
        assertThat(report.category()).isEqualTo("condition nested too deep");
        String nots = "not ".repeat(10_000) + "keywords";
        assertThat(Rules.report(Rules.processCreation(SELECTIONS + "condition: '" + nots + "'")).category())
                .isEqualTo("condition nested too deep");
    }

    @Test
    void aggregationIsUnsupported() {
        RuleReport report = Rules.report(Rules.processCreation(SELECTIONS
                + "condition: selection_cli | count() by Computer > 5"));
        assertThat(report.status()).isEqualTo(RuleStatus.UNSUPPORTED);
        assertThat(report.reason()).contains("correlation rule");
    }
}
