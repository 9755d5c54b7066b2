package io.helklab.notebook;

import io.helklab.detection.live.BackTest;
import io.helklab.detection.live.RuleEntry;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.kernel.CellMagic;
import io.helklab.kernel.DisplayData;
import io.helklab.kernel.Displayable;
import io.helklab.kernel.HtmlText;
import io.helklab.schema.IndexNames;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code %%sigma [--limit N] [--from TIME] [--to TIME]}: back-tests the Sigma rule in the cell body over the stored
 * events, without loading it into the appliance, and shows the rule's status, how many events were scanned and
 * matched, and the matched events as a table. Thread-safe.
 */
public final class SigmaCellMagic implements CellMagic {
    static final int DEFAULT_LIMIT = 100;

    private final BackTest backTest;

    public SigmaCellMagic(String elasticsearchUrl) {
        this.backTest = new BackTest(new ElasticsearchHttp(elasticsearchUrl));
    }

    @Override
    public String name() {
        return "sigma";
    }

    @Override
    public String description() {
        return "back-test the Sigma rule (YAML) in the cell over the stored events and show its matches; "
                + "--limit N (default " + DEFAULT_LIMIT + "), --from/--to ISO times";
    }

    @Override
    public Displayable execute(String arguments, String body) throws Exception {
        if (body.isBlank()) {
            throw new IllegalArgumentException("%%sigma needs a Sigma rule (YAML with title, logsource and detection) "
                    + "below the %%sigma line");
        }
        int limit = DEFAULT_LIMIT;
        Instant from = null;
        Instant to = null;
        String[] words = arguments.isBlank() ? new String[0] : arguments.strip().split("\\s+");
        for (int index = 0; index < words.length; index++) {
            String word = words[index];
            if (index + 1 >= words.length || !word.startsWith("--")) {
                throw usage(arguments);
            }
            String value = words[++index];
            switch (word) {
                case "--limit" -> limit = positive(value);
                case "--from" -> from = time(value);
                case "--to" -> to = time(value);
                default -> throw usage(arguments);
            }
        }
        BackTest.Result result = backTest.run(body, IndexNames.LOGS_PATTERN, from, to, limit);
        return render(result);
    }

    private static Displayable render(BackTest.Result result) {
        RuleEntry rule = result.rule();
        String summary = rule.status().label() + ": " + (rule.title() == null ? "(no title)" : rule.title())
                + (rule.reason() == null ? "" : " (" + rule.reason() + ")") + "; " + result.scanned()
                + " events scanned, " + result.matched() + " matched";
        StringBuilder html = new StringBuilder("<p>").append(HtmlText.escape(summary)).append("</p>");
        StringBuilder text = new StringBuilder(summary).append('\n');
        if (!result.events().isEmpty()) {
            html.append("<table><thead><tr><th>@timestamp</th><th>host_name</th><th>event_id</th><th>process_name</th>"
                    + "<th>process_command_line</th><th>index</th></tr></thead><tbody>");
            for (BackTest.MatchedEvent event : result.events()) {
                html.append("<tr><td>").append(HtmlText.escape(event.timestamp())).append("</td><td>")
                        .append(HtmlText.escape(event.hostName())).append("</td><td>")
                        .append(HtmlText.escape(event.eventId())).append("</td><td>")
                        .append(HtmlText.escape(event.processName())).append("</td><td>")
                        .append(HtmlText.escape(event.processCommandLine())).append("</td><td>")
                        .append(HtmlText.escape(event.index())).append("</td></tr>");
                text.append(event.timestamp()).append("  ").append(event.hostName()).append("  ")
                        .append(event.eventId()).append("  ").append(event.processName()).append("  ")
                        .append(event.processCommandLine()).append('\n');
            }
            html.append("</tbody></table>");
        }
        return DisplayData.html(html.toString(), text.toString());
    }

    private static int positive(String value) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 0 && parsed <= BackTest.MAXIMUM_LIMIT) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("%%sigma --limit needs a whole number from 0 to " + BackTest.MAXIMUM_LIMIT
                + ", got '" + value + "'");
    }

    private static Instant time(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notIso) {
            throw new IllegalArgumentException("%%sigma --from/--to need ISO-8601 UTC times such as "
                    + "2024-03-01T00:00:00Z, got '" + value + "'");
        }
    }

    private static IllegalArgumentException usage(String arguments) {
        return new IllegalArgumentException("%%sigma does not understand '" + arguments
                + "'. Usage: %%sigma [--limit N] [--from TIME] [--to TIME]");
    }
}
