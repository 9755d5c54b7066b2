package io.helklab.launcher;

import io.helklab.home.HomeLock;
import java.nio.file.Path;
import java.util.Set;

/**
 * Where a run of {@code helk-lab} logs, decided from the raw arguments before logging starts.
 *
 * <p>Only the appliance writes {@code <home>/logs/helk-lab.log}, and only it rolls the file over at start:
 * a command run against a live home ({@code samples verify}) must not rename the running appliance's log
 * from under it, so commands append to {@code <home>/logs/cli.log} instead, created on their first log
 * line. A second appliance started on a home that one already holds will be refused, so it logs like a
 * command. {@code cds}, help and version log nowhere: {@code cds} runs during the Maven build, where no
 * user home should be touched (its appliance run logs into its own throw-away home).
 */
enum LogDestination {
    APPLIANCE("helk-lab-log4j2.xml"),
    COMMAND("helk-lab-cli-log4j2.xml"),
    NOWHERE("helk-lab-quiet-log4j2.xml");

    private static final Set<String> SILENT = Set.of("cds", "-h", "--help", "-V", "--version");
    /** Root flags that take no value, so the argument after them is not theirs. */
    private static final Set<String> ROOT_SWITCHES = Set.of("--jupyter-terminals", "--tls");

    private final String configuration;

    LogDestination(String configuration) {
        this.configuration = configuration;
    }

    /** The log4j configuration resource for this destination. */
    String configuration() {
        return configuration;
    }

    /** Where {@code args} log; {@code home} is the home they name. */
    static LogDestination of(String[] args, Path home) {
        String command = subcommand(args);
        if (command != null) {
            return SILENT.contains(command) ? NOWHERE : COMMAND;
        }
        for (String arg : args) {
            if (SILENT.contains(arg)) {
                return NOWHERE;
            }
        }
        return HomeLock.isHeld(home) ? COMMAND : APPLIANCE;
    }

    /** The first argument that is neither an option nor an option's value, or {@code null}. */
    static String subcommand(String[] args) {
        for (int index = 0; index < args.length; index++) {
            String arg = args[index];
            if (!arg.startsWith("-")) {
                return arg;
            }
            boolean takesValue = arg.startsWith("--") && !arg.contains("=") && !ROOT_SWITCHES.contains(arg);
            if (takesValue) {
                index++;
            }
        }
        return null;
    }
}
