package io.helklab.door.process;

import io.helklab.Passwords;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a child command, started through a small Python wrapper that watches this JVM: when
 * the JVM disappears, even by SIGKILL, the wrapper terminates the command and everything it
 * started (see {@code parent-watch.py}). Without a Python 3 on the machine the command runs
 * directly and may outlive a killed JVM; that is logged as a warning.
 *
 * <p>Output and errors are appended to the spec's log file. Methods are thread-safe.
 */
public final class ChildProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    private static final String WATCH_SCRIPT = readWatchScript();

    private final String name;
    private final Process wrapper;
    private final boolean watched;

    private ChildProcess(String name, Process wrapper, boolean watched) {
        this.name = name;
        this.wrapper = wrapper;
        this.watched = watched;
    }

    /** Starts the spec's command; throws if it cannot be spawned at all. */
    public static ChildProcess launch(ChildProcessSpec spec) throws IOException {
        Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
        Files.createDirectories(spec.directory());
        Files.writeString(spec.logFile(), "--- " + Instant.now() + " helk-lab starts " + String.join(" ", spec.command())
                + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Optional<Path> python = python();
        List<String> command = new ArrayList<>();
        if (python.isPresent()) {
            command.add(python.get().toString());
            command.add("-c");
            command.add(WATCH_SCRIPT);
            command.add(Long.toString(ProcessHandle.current().pid()));
            command.add(Double.toString(spec.stopGrace().toMillis() / 1000.0));
        } else {
            LOG.warn("No python3 found in /usr/bin or on PATH: {} runs without a watcher and could outlive a killed "
                    + "appliance. Install python3 to fix this.", spec.name());
        }
        command.addAll(spec.command());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(spec.directory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // The appliance password reaches the appliance through its environment; children have no use for it.
        builder.environment().remove(Passwords.ENVIRONMENT_VARIABLE);
        builder.environment().putAll(spec.environment());
        Process process = builder.start();
        LOG.info("{} started (watcher pid {}), output in {}", spec.name(), process.pid(), spec.logFile());
        return new ChildProcess(spec.name(), process, python.isPresent());
    }

    /** Debian's {@code /usr/bin/python3} first: another python3 (pyenv, conda) may come first on PATH. */
    static Optional<Path> python() {
        Path system = Path.of("/usr/bin/python3");
        if (Files.isExecutable(system)) {
            return Optional.of(system);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String directory : path.split(File.pathSeparator)) {
                Path candidate = Path.of(directory, "python3");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The pid of the command itself (not its watcher), waiting briefly for the fork; empty once it
     * has exited.
     */
    public Optional<Long> pid() {
        if (!watched) {
            return wrapper.isAlive() ? Optional.of(wrapper.pid()) : Optional.empty();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (wrapper.isAlive()) {
            Optional<ProcessHandle> child = wrapper.children().findFirst();
            if (child.isPresent()) {
                return Optional.of(child.get().pid());
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            sleep(Duration.ofMillis(20));
        }
        return Optional.empty();
    }

    public boolean isAlive() {
        return wrapper.isAlive();
    }

    /** Completes when the command (and so its watcher) has exited. */
    public CompletableFuture<Process> onExit() {
        return wrapper.onExit();
    }

    /** The exit code; only meaningful once {@link #isAlive()} is false. */
    public int exitCode() {
        return wrapper.exitValue();
    }

    /**
     * SIGTERM to the command and its descendants, SIGKILL after {@code grace}; returns once all of
     * them are gone. The watcher does the escalation itself, so this JVM only steps in if the
     * watcher does not finish in time.
     */
    public void stop(Duration grace) {
        if (!wrapper.isAlive()) {
            return;
        }
        List<ProcessHandle> tree = wrapper.descendants().toList();
        wrapper.destroy();
        try {
            wrapper.onExit().get(grace.toMillis() + 3_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            LOG.warn("{} did not stop within {} s of SIGTERM; killing it", name, grace.toSeconds());
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        wrapper.destroyForcibly();
        try {
            wrapper.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readWatchScript() {
        try (InputStream in = ChildProcess.class.getResourceAsStream("parent-watch.py")) {
            if (in == null) {
                throw new IllegalStateException("parent-watch.py is missing from the classpath next to " + ChildProcess.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
