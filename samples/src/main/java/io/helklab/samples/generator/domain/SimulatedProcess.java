package io.helklab.samples.generator.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One process on one host, from its creation on: the identity Sysmon gives it ({@code ProcessGuid},
 * {@code ProcessId}), what it runs and who runs it. Every event about the process copies these values,
 * which is what keeps a process consistent across event ids. {@code parent} is null only for processes
 * whose parent exited before anyone recorded it (the boot chain). Immutable value.
 */
public record SimulatedProcess(Host host, String processGuid, int processId, ExecutableImage image, String commandLine,
                               String currentDirectory, LogonSession session, String integrityLevel,
                               SimulatedProcess parent, Instant start) {

    public SimulatedProcess {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(processGuid, "processGuid");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(currentDirectory, "currentDirectory");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(integrityLevel, "integrityLevel");
        Objects.requireNonNull(start, "start");
    }

    public String path() {
        return image.path();
    }

    public Account account() {
        return session.account();
    }

    @Override
    public String toString() {
        return image.fileName() + "(" + processId + " on " + host.name() + ")";
    }
}
