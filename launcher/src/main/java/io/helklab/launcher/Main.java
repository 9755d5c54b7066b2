package io.helklab.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import picocli.CommandLine;

/**
 * Entry point of {@code helk-lab.jar}.
 *
 * <p>Logging is configured before any library class loads: the log directory depends on
 * {@code --home}, so the home is read from the raw arguments first and log4j is pointed at the
 * launcher's own configuration for this run ({@link LogDestination}): the appliance writes
 * {@code <home>/logs/helk-lab.log}, commands {@code <home>/logs/cli.log}, and nothing goes to the console.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        OwnerOnlyUmask.apply();
        Optional<List<String>> classDataFlags = ClassDataArchive.relaunchFlags(args);
        if (classDataFlags.isPresent()) {
            System.exit(ClassDataArchive.relaunch(classDataFlags.get(), args));
        }
        ClassDataArchive.watchParent();
        int exitCode = run(args);
        LogManager.shutdown();
        System.exit(exitCode);
    }

    /** Runs the command line and returns the exit code, without exiting. */
    public static int run(String[] args) {
        Path home = HomeArgument.find(args);
        configureLogging(home, LogDestination.of(args, home));
        // Configuring log4j takes about a third of a second; do it while picocli reads the command line.
        Thread logging = new Thread(() -> LogManager.getContext(false), "helk-log-init");
        logging.setDaemon(true);
        logging.start();
        CommandLine commandLine = LauncherCommand.commandLine();
        return commandLine.execute(args);
    }

    private static void configureLogging(Path home, LogDestination destination) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", destination.configuration());
        }
        System.setProperty("helk.log.dir", home.resolve("logs").toString());
        System.setProperty("log4j2.shutdownHookEnabled", "false");
        // Nothing reads log4j's MBeans; registering them would start the platform MBean server up front.
        System.setProperty("log4j2.disableJmx", "true");
        // Spark and Hadoop would print their own banners and progress bars to the console.
        System.setProperty("spark.ui.showConsoleProgress", "false");
    }
}
