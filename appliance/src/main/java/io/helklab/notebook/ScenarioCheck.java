package io.helklab.notebook;

import io.helklab.kernel.HtmlText;

import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.kernel.DisplayData;
import io.helklab.kernel.Displayable;
import io.helklab.samples.AnswerFact;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import io.helklab.scenarios.LoadedSamples;
import io.helklab.scenarios.SampleVerifier;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The last cell of a scenario notebook: runs the scenario's answer-key verification
 * ({@link SampleVerifier}) against what Elasticsearch holds, and optionally checks that the value
 * the hunter found is one of the answer key's.
 *
 * <p>Failure behaviour: {@link #run} throws {@link ScenarioCheckFailedException} when a check fails,
 * so a notebook run (CI, nbclient) fails with the table in the message; a scenario that was never
 * loaded is an {@link IllegalStateException} saying how to load it. Stateless and thread-safe.
 */
public final class ScenarioCheck {
    private final ElasticsearchHttp elasticsearch;

    public ScenarioCheck(String elasticsearchUrl) {
        this.elasticsearch = new ElasticsearchHttp(elasticsearchUrl);
    }

    /** Thrown when the scenario's checks or the hunter's finding do not hold. */
    public static final class ScenarioCheckFailedException extends RuntimeException {
        ScenarioCheckFailedException(String message) {
            super(message);
        }
    }

    /**
     * Verifies the scenario and, when {@code finding} is not null, that it equals a value of the answer key.
     *
     * @return a pass/fail table for the notebook
     */
    public Displayable run(String scenarioName, String finding) {
        Scenario scenario = SampleCatalog.find(scenarioName);
        SampleVerifier.Result result;
        try {
            long shiftDays = shiftOf(scenario.name());
            result = new SampleVerifier(elasticsearch).verify(scenario, shiftDays);
        } catch (IOException failure) {
            throw new IllegalStateException("Could not verify " + scenario.name() + " against Elasticsearch: "
                    + failure.getMessage(), failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Verifying " + scenario.name() + " was interrupted", interrupted);
        }
        List<SampleVerifier.Check> checks = new ArrayList<>(result.checks());
        if (finding != null) {
            TreeSet<String> answers = answerValues(scenario);
            String normalised = finding.strip().toLowerCase(Locale.ROOT).replace("{", "").replace("}", "");
            boolean found = answers.contains(normalised);
            checks.add(new SampleVerifier.Check("your finding " + finding + " is in the answer key", found,
                    found ? "matches the answer key" : "not one of the answer key's values"));
        }
        String text = text(scenario.name(), checks);
        if (!checks.stream().allMatch(SampleVerifier.Check::passed)) {
            throw new ScenarioCheckFailedException("Scenario " + scenario.name() + " does not check out:\n" + text);
        }
        return DisplayData.html(html(scenario.name(), checks), text);
    }

    private long shiftOf(String scenario) throws IOException, InterruptedException {
        return new LoadedSamples(elasticsearch).all().stream()
                .filter(entry -> entry.scenario().equals(scenario))
                .reduce((first, second) -> second)
                .map(LoadedSamples.Entry::shiftDays)
                .orElseThrow(() -> new IllegalStateException("The scenario " + scenario + " is not loaded in this"
                        + " appliance (no entry in the " + LoadedSamples.INDEX + " index). Load it with:"
                        + " java -jar helk-lab.jar samples load " + scenario));
    }

    /** Every string value of the answer key, lower case: GUIDs, paths, command lines, host names. */
    static TreeSet<String> answerValues(Scenario scenario) {
        TreeSet<String> values = new TreeSet<>();
        for (AnswerFact fact : scenario.answerKey()) {
            for (Map.Entry<String, Object> match : fact.match().entrySet()) {
                values.add(String.valueOf(match.getValue()).toLowerCase(Locale.ROOT));
            }
        }
        return values;
    }

    private static String text(String scenario, List<SampleVerifier.Check> checks) {
        StringBuilder text = new StringBuilder("Scenario ").append(scenario).append('\n');
        for (SampleVerifier.Check check : checks) {
            text.append(check.passed() ? "PASS  " : "FAIL  ").append(check.description()).append(" — ")
                    .append(check.detail()).append('\n');
        }
        long passed = checks.stream().filter(SampleVerifier.Check::passed).count();
        return text.append(passed).append(" of ").append(checks.size()).append(" checks passed").toString();
    }

    private static String html(String scenario, List<SampleVerifier.Check> checks) {
        StringBuilder html = new StringBuilder("<table class=\"helk-lab-check\"><caption>Scenario ")
                .append(HtmlText.escape(scenario)).append("</caption>\n<thead><tr><th>result</th><th>check</th><th>detail</th>"
                        + "</tr></thead>\n<tbody>\n");
        for (SampleVerifier.Check check : checks) {
            html.append("<tr><td style=\"color:").append(check.passed() ? "#1a7f37\">PASS" : "#cf222e\">FAIL")
                    .append("</td><td>").append(HtmlText.escape(check.description())).append("</td><td>")
                    .append(HtmlText.escape(check.detail())).append("</td></tr>\n");
        }
        return html.append("</tbody></table>").toString();
    }
}
