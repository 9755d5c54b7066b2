package io.helklab.door.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Supervisor} runs and how.
 *
 * @param name         the service name in health reports and the log file name ({@code <name>.log})
 * @param command      the program and its arguments
 * @param directory    the working directory
 * @param environment  variables added to (or replacing) the appliance's own environment
 * @param logFile      where the child's standard output and error are appended
 * @param address      the {@code host:port} the child serves on, for health reports
 * @param probe        when the child counts as ready
 * @param readyTimeout how long one start may take to become ready before it counts as failed
 * @param startWait    how long {@link Supervisor#start()} blocks waiting for the first readiness (0: not at all)
 * @param stopGrace    how long a child gets between SIGTERM and SIGKILL
 * @param restart      the restart policy
 * @param onReady      run on the supervisor's thread each time the child becomes ready (e.g. to install
 *                     saved objects); an exception is logged and reported in health, the child stays up
 */
public record ChildProcessSpec(
        String name,
        List<String> command,
        Path directory,
        Map<String, String> environment,
        Path logFile,
        String address,
        ReadinessProbe probe,
        Duration readyTimeout,
        Duration startWait,
        Duration stopGrace,
        RestartPolicy restart,
        ReadyAction onReady) {

    /** Work to do once the child is ready. */
    @FunctionalInterface
    public interface ReadyAction {
        ReadyAction NONE = () -> {};

        void run() throws Exception;
    }

    public ChildProcessSpec {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a child process name is lower case letters, digits and '-', got '" + name + "'");
        }
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the command for " + name + " is empty");
        }
        Objects.requireNonNull(directory, "directory");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(probe, "probe");
        requirePositiveOrZero(readyTimeout, "readyTimeout");
        requirePositiveOrZero(startWait, "startWait");
        requirePositiveOrZero(stopGrace, "stopGrace");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(onReady, "onReady");
    }

    private static void requirePositiveOrZero(Duration duration, String what) {
        if (Objects.requireNonNull(duration, what).isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + duration);
        }
    }

    /** A spec with defaults: no address, ready when running, 60 s to be ready, no start wait, 10 s grace. */
    public static ChildProcessSpec of(String name, List<String> command, Path directory, Path logFile) {
        return new ChildProcessSpec(name, command, directory, Map.of(), logFile, null, ReadinessProbe.RUNNING,
                Duration.ofSeconds(60), Duration.ZERO, Duration.ofSeconds(10), RestartPolicy.defaults(), ReadyAction.NONE);
    }

    public ChildProcessSpec withEnvironment(Map<String, String> newEnvironment) {
        return new ChildProcessSpec(name, command, directory, newEnvironment, logFile, address, probe, readyTimeout,
                startWait, stopGrace, restart, onReady);
    }

    public ChildProcessSpec withReadiness(String newAddress, ReadinessProbe newProbe, Duration newReadyTimeout) {
        return new ChildProcessSpec(name, command, directory, environment, logFile, newAddress, newProbe, newReadyTimeout,
                startWait, stopGrace, restart, onReady);
    }

    public ChildProcessSpec withStartWait(Duration newStartWait) {
        return new ChildProcessSpec(name, command, directory, environment, logFile, address, probe, readyTimeout,
                newStartWait, stopGrace, restart, onReady);
    }

    public ChildProcessSpec withStopGrace(Duration newStopGrace) {
        return new ChildProcessSpec(name, command, directory, environment, logFile, address, probe, readyTimeout,
                startWait, newStopGrace, restart, onReady);
    }

    public ChildProcessSpec withRestart(RestartPolicy newRestart) {
        return new ChildProcessSpec(name, command, directory, environment, logFile, address, probe, readyTimeout,
                startWait, stopGrace, newRestart, onReady);
    }

    public ChildProcessSpec withOnReady(ReadyAction newOnReady) {
        return new ChildProcessSpec(name, command, directory, environment, logFile, address, probe, readyTimeout,
                startWait, stopGrace, restart, newOnReady);
    }
}
