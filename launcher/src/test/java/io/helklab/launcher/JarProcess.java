package io.helklab.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The shaded {@code helk-lab.jar} run as a separate process, as a user runs it. */
final class JarProcess implements AutoCloseable {
    static final Path JAR = Path.of("target", "helk-lab.jar").toAbsolutePath();

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private JarProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code java -jar helk-lab.jar args...} with the given JDK's launcher. */
    static JarProcess start(Path javaExecutable, Path workDirectory, String... args) throws IOException {
        return start(javaExecutable, JAR, workDirectory, java.util.Map.of(), args);
    }

    /** Starts {@code java -jar <jar> args...} with extra environment variables; output goes to {@code workDirectory}. */
    static JarProcess start(Path javaExecutable, Path jar, Path workDirectory, java.util.Map<String, String> environment,
            String... args) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run 'mvn package' (the smoke tests run after the shade step)");
        }
        Files.createDirectories(workDirectory);
        List<String> command = new ArrayList<>(List.of(javaExecutable.toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = workDirectory.resolve("stdout.txt");
        Path err = workDirectory.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        return new JarProcess(builder.start(), out, err);
    }

    /** The running JDK's java, i.e. the one Maven runs with. */
    static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** A JDK of the given feature version under /usr/lib/jvm, if installed. */
    static Optional<Path> installedJava(int feature) throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> candidates = Files.list(jvms)) {
            return candidates.map(jdk -> jdk.resolve("bin/java"))
                    .filter(Files::isExecutable)
                    .filter(java -> featureVersion(java) == feature)
                    .findFirst();
        }
    }

    private static int featureVersion(Path java) {
        Path release = java.getParent().getParent().resolve("release");
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException unknown) {
            return -1;
        }
        return -1;
    }

    /** Waits for {@code <home>/run/ready.json}; fails with the process output if it exits or times out. */
    JsonNode awaitReady(Path home, Duration timeout) throws Exception {
        Path ready = home.resolve("run/ready.json");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(ready)) {
                return new ObjectMapper().readTree(ready.toFile());
            }
            if (!process.isAlive()) {
                throw new AssertionError("helk-lab exited with " + process.exitValue() + " before it was ready\n" + output());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("helk-lab was not ready within " + timeout + "\n" + output());
    }

    Process process() {
        return process;
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("helk-lab did not exit within " + timeout + "\n" + output());
        }
        return process.exitValue();
    }

    String stdout() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    String output() {
        try {
            return "--- stdout ---\n" + stdout() + "\n--- stderr ---\n" + stderr();
        } catch (IOException unreadable) {
            return "(output unreadable: " + unreadable + ")";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
