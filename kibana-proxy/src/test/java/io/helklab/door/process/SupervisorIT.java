package io.helklab.door.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.service.ServiceStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generic supervision mechanism with plain commands: restarts, giving up, stopping, orphans. */
class SupervisorIT {
    @TempDir
    Path directory;

    @Test
    void aKilledChildIsRestartedAndCloseLeavesNothingBehind() throws Exception {
        Supervisor supervisor = new Supervisor(spec(List.of("sleep", "600")));
        long first;
        try {
            supervisor.start();
            assertThat(ProcessStates.eventually(() -> supervisor.health().status() == ServiceStatus.UP, Duration.ofSeconds(10))).isTrue();
            first = supervisor.pid().orElseThrow();

            ProcessHandle.of(first).orElseThrow().destroyForcibly();

            assertThat(ProcessStates.eventually(() -> supervisor.pid().filter(pid -> pid != first).isPresent()
                    && supervisor.health().status() == ServiceStatus.UP, Duration.ofSeconds(15))).isTrue();
            assertThat(supervisor.health().details()).containsEntry("restarts", 1);
        } finally {
            supervisor.close();
        }
        assertThat(supervisor.pid()).isEmpty();
        assertThat(ProcessStates.eventually(() -> !ProcessStates.running(first), Duration.ofSeconds(5))).isTrue();
        assertThat(Files.readString(directory.resolve("child.log"))).contains("helk-lab starts sleep 600");
    }

    @Test
    void aChildThatKeepsFailingIsReportedDown() throws Exception {
        ChildProcessSpec failing = spec(List.of("sh", "-c", "echo broken; exit 3"))
                .withRestart(new RestartPolicy(Duration.ofMillis(50), Duration.ofSeconds(5), 3));
        try (Supervisor supervisor = new Supervisor(failing)) {
            supervisor.start();

            assertThat(ProcessStates.eventually(() -> supervisor.health().status() == ServiceStatus.DOWN, Duration.ofSeconds(15))).isTrue();
            assertThat(supervisor.health().details()).containsEntry("last_failure", "exited with code 3");
        }
        assertThat(Files.readString(directory.resolve("child.log"))).contains("broken");
    }

    @Test
    void closeEndsTheWholeProcessTreeEvenGrandchildrenInTheirOwnSession() throws Exception {
        Path pidFile = directory.resolve("grandchild.pid");
        // The grandchild detaches into a session of its own, as Jupyter's kernels do.
        ChildProcessSpec spec = spec(List.of("sh", "-c", "setsid sleep 600 & echo $! > " + pidFile + "; exec sleep 600"));
        Supervisor supervisor = new Supervisor(spec);
        supervisor.start();
        assertThat(ProcessStates.eventually(() -> Files.exists(pidFile) && readPid(pidFile) > 0, Duration.ofSeconds(10))).isTrue();
        long grandchild = readPid(pidFile);
        long child = supervisor.pid().orElseThrow();

        supervisor.close();

        assertThat(ProcessStates.running(child)).isFalse();
        assertThat(ProcessStates.eventually(() -> !ProcessStates.running(grandchild), Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void childrenDieWhenTheirJvmIsKilled() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process jvm = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SupervisedSleep.class.getName(), directory.toString())
                .redirectError(directory.resolve("jvm.err").toFile())
                .start();
        long sleeper;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line = lines.readLine();
            assertThat(line).as("the child JVM's first line; its errors: %s", Files.readString(directory.resolve("jvm.err")))
                    .startsWith("PID ");
            sleeper = Long.parseLong(line.substring(4).trim());
            assertThat(ProcessStates.running(sleeper)).isTrue();

            jvm.destroyForcibly();
            jvm.waitFor();
        }

        assertThat(ProcessStates.eventually(() -> !ProcessStates.running(sleeper), Duration.ofSeconds(15)))
                .as("sleep %d outlived its SIGKILLed JVM", sleeper).isTrue();
    }

    private ChildProcessSpec spec(List<String> command) {
        return ChildProcessSpec.of("child", command, directory, directory.resolve("child.log"))
                .withStopGrace(Duration.ofSeconds(2))
                .withRestart(new RestartPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 3));
    }

    private static long readPid(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? -1 : Long.parseLong(text);
        } catch (Exception notYet) {
            return -1;
        }
    }
}
