package io.helklab.launcher;

import io.helklab.detection.RulesCheck;
import io.helklab.detection.live.BackTest;
import io.helklab.detection.live.RuleEntry;
import io.helklab.schema.IndexNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code helk-lab rules check|test}: Sigma rules offline, and back-tested against a running HELK lab. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Sigma rules: check them offline, or back-test one against a running HELK lab's events.",
        subcommands = {RulesCommand.Check.class, RulesCommand.Test.class})
public final class RulesCommand {

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Parse every rule under the directories (no appliance needed) and print how many are active, "
                    + "disabled, unsupported or in error, grouped by reason.",
                    "Exit code 1 when a rule is in error (invalid YAML, unknown modifier, bad regex, duplicate id…), "
                            + "else 0: unsupported and disabled rules are reported, not failed."})
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", arity = "1..*", description = "Sigma rule directories or files.")
        List<Path> paths;

        @Override
        public Integer call() {
            return RulesCheck.run(paths, System.out);
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Back-test one rule file over the events of the HELK lab running on the home, without loading it.")
    static final class Test implements Callable<Integer> {
        @Parameters(paramLabel = "RULE.yml", description = "The Sigma rule file.")
        Path rule;

        @Option(names = "--from", paramLabel = "TIME", description = "Oldest event time, ISO-8601 UTC (default: no limit).")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "Newest event time, ISO-8601 UTC (default: no limit).")
        String to;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Matched events to list (default: ${DEFAULT-VALUE}).")
        int limit;

        @Mixin
        SamplesCommand.HomeOption home = new SamplesCommand.HomeOption();

        @Override
        public Integer call() throws Exception {
            Console console = Console.standard();
            String yaml;
            Instant oldest;
            Instant newest;
            try {
                yaml = Files.readString(rule, StandardCharsets.UTF_8);
                oldest = time(from, "--from");
                newest = time(to, "--to");
            } catch (IOException unreadable) {
                console.error("helk-lab: cannot read the rule file " + rule + ": " + unreadable.getMessage());
                return 2;
            } catch (IllegalArgumentException badTime) {
                console.error("helk-lab: " + badTime.getMessage());
                return 2;
            }
            Optional<RunningAppliance> running = RunningAppliance.forCommand(home.directory(), console);
            if (running.isEmpty()) {
                return 1;
            }
            RunningAppliance appliance = running.get();
            BackTest.Result result;
            try {
                result = new BackTest(appliance.elasticsearchHttp())
                        .run(yaml, rule.toString(), IndexNames.LOGS_PATTERN, oldest, newest, Math.max(0, limit));
            } catch (IllegalArgumentException noRule) {
                console.error("helk-lab: " + rule + ": " + noRule.getMessage());
                return 2;
            }
            print(result, console);
            return result.rule().reason() == null ? 0 : 1;
        }

        private static Instant time(String text, String flag) {
            if (text == null) {
                return null;
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notIso) {
                throw new IllegalArgumentException(flag + " must be an ISO-8601 UTC time such as 2024-03-01T00:00:00Z, "
                        + "not '" + text + "'");
            }
        }

        private static void print(BackTest.Result result, Console console) {
            RuleEntry rule = result.rule();
            console.line("%s  %s (%s, line %d)", rule.status().label().toUpperCase(Locale.ROOT),
                    rule.title() == null ? "(no title)" : rule.title(), rule.file(), rule.line());
            if (rule.reason() != null) {
                console.line("  %s", rule.reason());
            }
            console.line("%,d events scanned, %,d matched", result.scanned(), result.matched());
            for (BackTest.MatchedEvent event : result.events()) {
                console.line("  %s  %-20s %5s  %s  %s", event.timestamp(), event.hostName(), event.eventId(),
                        event.processName() == null ? "" : event.processName(),
                        event.processCommandLine() == null ? "" : event.processCommandLine());
            }
        }
    }

    private RulesCommand() {
    }
}
