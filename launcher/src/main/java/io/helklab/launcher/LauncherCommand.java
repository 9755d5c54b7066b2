package io.helklab.launcher;

import io.helklab.launcher.bench.BenchmarkCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code helk-lab [options]}: runs the appliance until Ctrl-C or SIGTERM. */
@Command(name = "helk-lab",
        subcommands = {SamplesCommand.class, NotebooksCommand.class, RulesCommand.class, BenchmarkCommand.class, CdsCommand.class},
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "The Hunting ELK in one JVM: ZooKeeper, Kafka, Elasticsearch and Spark, an ingest pipeline "
                    + "that speaks HELK's schema, and a front door for Jupyter, Kibana and the hunt UI.",
            ""
        },
        footer = {"", "Logs: <home>/logs/helk-lab.log. Stop with Ctrl-C."})
public final class LauncherCommand implements Callable<Integer> {

    @Mixin
    ApplianceOptions options = new ApplianceOptions();

    @Override
    public Integer call() {
        return new ApplianceRunner(options, Console.standard()).run();
    }

    /** The command line with our error handling: usage errors print the message and usage, exit 2. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LauncherCommand());
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine command = exception.getCommandLine();
            PrintWriter err = command.getErr();
            err.println("helk-lab: " + exception.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
            err.println();
            command.usage(err);
            return 2;
        });
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            // A failure without a message (a refused connection, say) still names what happened.
            String message = exception.getMessage();
            command.getErr().println("helk-lab: " + (message == null || message.isBlank() ? exception.toString() : message));
            return 1;
        });
        return commandLine;
    }
}
