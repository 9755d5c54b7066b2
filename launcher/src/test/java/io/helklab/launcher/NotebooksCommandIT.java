package io.helklab.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code helk-lab notebooks run} against the appliance running on a home: a Java notebook runs headless in the
 * appliance's kernel (which {@code jupyter execute} cannot reach), a failing cell fails the command and names the
 * cell, and an unknown name is refused before anything runs.
 */
class NotebooksCommandIT {
    private static final String JAVA_NOTEBOOK = """
            {"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
              "source": ["int answer = 6 * 7;\\n", "System.out.println(\\"answer \\" + answer);"]}%s],
             "metadata": {"kernelspec": {"name": "helk-lab", "display_name": "HELK lab", "language": "java"}},
             "nbformat": 4, "nbformat_minor": 5}
            """;

    private static final String BROKEN_CELL = """
            ,
            {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
             "source": ["throw new IllegalStateException(\\"broken on purpose\\");"]}""";

    @Test
    void runsJavaNotebooksOfTheHomeThroughTheRunningAppliance(@TempDir Path work) throws Exception {
        require(Path.of("/usr/bin/jupyter-notebook"));
        require(Path.of("/usr/bin/python3"));
        Path home = work.resolve("home");
        try (JarProcess appliance = JarProcess.start(JarProcess.currentJava(), work.resolve("appliance"), "--home",
                home.toString(), "--http-port", "0", "--es-port", "0", "--kafka-port", "0", "--zk-port", "0",
                "--spark-connect-port", "0", "--samples", "none")) {
            appliance.awaitReady(home, Duration.ofMinutes(5));
            awaitConsole(appliance, "jupyter", Duration.ofMinutes(3));
            Path notebooks = home.resolve("notebooks");
            Files.writeString(notebooks.resolve("answer.ipynb"), JAVA_NOTEBOOK.formatted(""));
            Files.writeString(notebooks.resolve("broken.ipynb"), JAVA_NOTEBOOK.formatted(BROKEN_CELL));
            Path executed = work.resolve("executed");

            try (JarProcess run = JarProcess.start(JarProcess.currentJava(), work.resolve("run-ok"), "notebooks", "run",
                    "--home", home.toString(), "--output-directory", executed.toString(), "answer")) {
                assertThat(run.awaitExit(Duration.ofMinutes(5))).as(run.output()).isZero();
                assertThat(run.stdout()).contains("PASS", "answer.ipynb", "1 notebooks, 0 failed");
            }
            assertThat(Files.readString(executed.resolve("answer.ipynb"))).as("the executed copy keeps the output")
                    .contains("answer 42");

            try (JarProcess run = JarProcess.start(JarProcess.currentJava(), work.resolve("run-broken"), "notebooks", "run",
                    "--home", home.toString(), "--output-directory", executed.toString(), "answer.ipynb", "broken")) {
                assertThat(run.awaitExit(Duration.ofMinutes(5))).as(run.output()).isEqualTo(1);
                assertThat(run.stdout()).contains("FAIL", "broken.ipynb", "cell 1", "broken on purpose",
                        "2 notebooks, 1 failed");
            }

            try (JarProcess run = JarProcess.start(JarProcess.currentJava(), work.resolve("run-unknown"), "notebooks",
                    "run", "--home", home.toString(), "no-such-notebook")) {
                assertThat(run.awaitExit(Duration.ofMinutes(2))).isEqualTo(1);
                assertThat(run.stderr()).contains("no notebook 'no-such-notebook' in " + notebooks);
            }
        }
    }

    private static void awaitConsole(JarProcess jar, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!jar.stdout().contains(text)) {
            if (System.nanoTime() > deadline) {
                fail("the appliance did not print '" + text + "' within " + timeout + "\n" + jar.output());
            }
            if (!jar.process().isAlive()) {
                fail("the appliance exited\n" + jar.output());
            }
            Thread.sleep(1000);
        }
    }

    private static void require(Path program) {
        assertThat(program).as("%s is needed (sudo apt-get install jupyter-notebook python3)", program).isExecutable();
    }
}
