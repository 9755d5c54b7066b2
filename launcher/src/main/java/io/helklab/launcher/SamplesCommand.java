package io.helklab.launcher;

import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.samples.AttackTechnique;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import io.helklab.scenarios.LoadedSamples;
import io.helklab.scenarios.SampleLoader;
import io.helklab.scenarios.SampleVerifier;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code helk-lab samples list|load|verify}: the bundled training scenarios. */
@Command(name = "samples", mixinStandardHelpOptions = true,
        description = "The bundled sample scenarios: list them, replay them into a running HELK lab, verify their answer keys.",
        subcommands = {SamplesCommand.ListScenarios.class, SamplesCommand.Load.class, SamplesCommand.Verify.class})
public final class SamplesCommand {

    static class HomeOption {
        @Option(names = "--home", paramLabel = "DIR", description = "Home of the running HELK lab (default: ~/.helk-lab).")
        String home;

        Path directory() {
            return home == null ? HomeArgument.defaultHome() : HomeArgument.expand(home);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the scenarios with technique ids and event counts.")
    static final class ListScenarios implements Callable<Integer> {
        @Override
        public Integer call() {
            Console console = Console.standard();
            console.line("%-28s %-13s %7s  %s", "SCENARIO", "FORMAT", "EVENTS", "ATT&CK");
            for (Scenario scenario : SampleCatalog.builtIn()) {
                console.line("%-28s %-13s %,7d  %s", scenario.name(), scenario.format().id(), scenario.eventCount(),
                        scenario.attack().stream().map(AttackTechnique::id).collect(Collectors.joining(", ")));
            }
            console.line("");
            console.line("Load one or all into a running HELK lab: helk-lab samples load <name|all>");
            return 0;
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Replay scenarios into a running HELK lab through Kafka, as Winlogbeat would send them.")
    static final class Load implements Callable<Integer> {
        @Parameters(paramLabel = "NAME|all", description = "A scenario name from 'samples list', or all.")
        String name;

        @Option(names = "--rebase-time", description = "Shift event times by whole days so the newest scenario ends today.")
        boolean rebaseTime;

        @Mixin
        HomeOption home = new HomeOption();

        @Override
        public Integer call() throws Exception {
            Console console = Console.standard();
            List<Scenario> scenarios;
            try {
                scenarios = SampleLoading.select(name);
            } catch (NoSuchElementException unknown) {
                console.error("helk-lab: " + unknown.getMessage());
                return 2;
            }
            Optional<RunningAppliance> running = RunningAppliance.forCommand(home.directory(), console);
            if (running.isEmpty()) {
                return 1;
            }
            RunningAppliance appliance = running.get();
            long shift = rebaseTime ? SampleLoader.daysToToday(scenarios, Clock.systemUTC()) : 0;
            console.line("Loading %d scenario%s into %s%s", scenarios.size(), scenarios.size() == 1 ? "" : "s", appliance.http(),
                    shift == 0 ? "" : " (event times moved by " + shift + " days)");
            SampleLoading.load(scenarios, shift, appliance.kafka(), appliance.elasticsearch(), console);
            console.line("Check the answer keys with: helk-lab samples verify");
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every loaded scenario's answer key and event counts against Elasticsearch.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        HomeOption home = new HomeOption();

        @Override
        public Integer call() throws Exception {
            Console console = Console.standard();
            Optional<RunningAppliance> running = RunningAppliance.forCommand(home.directory(), console);
            if (running.isEmpty()) {
                return 1;
            }
            RunningAppliance appliance = running.get();
            ElasticsearchHttp elasticsearch = appliance.elasticsearchHttp();
            List<LoadedSamples.Entry> loaded = new LoadedSamples(elasticsearch).all();
            if (loaded.isEmpty()) {
                console.error("helk-lab: no scenario is loaded in " + appliance.http() + "; load them with: helk-lab samples load all");
                return 1;
            }
            SampleVerifier verifier = new SampleVerifier(elasticsearch);
            int failed = 0;
            for (LoadedSamples.Entry entry : loaded) {
                Scenario scenario = SampleCatalog.find(entry.scenario());
                SampleVerifier.Result result = verifier.verify(scenario, entry.shiftDays());
                long passedChecks = result.checks().stream().filter(SampleVerifier.Check::passed).count();
                console.line("%s  %-28s %d/%d checks", result.passed() ? "PASS" : "FAIL", scenario.name(), passedChecks,
                        result.checks().size());
                for (SampleVerifier.Check check : result.checks()) {
                    if (!check.passed()) {
                        console.line("        %s: %s", check.description(), check.detail());
                    }
                }
                if (!result.passed()) {
                    failed++;
                }
            }
            console.line("");
            console.line("%d passed, %d failed", loaded.size() - failed, failed);
            return failed == 0 ? 0 : 1;
        }
    }
}
