package io.helklab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs that are not the appliance leave the user's default home alone: the Maven build runs {@code cds}, which logs
 * nowhere like {@code --version}, and commands log to {@code cli.log}, never to the appliance's {@code helk-lab.log}.
 */
class CommandLoggingIT {

    private static JarProcess run(Path userHome, Path work, String... args) throws Exception {
        JarProcess jar = JarProcess.start(JarProcess.currentJava(), JarProcess.JAR, work,
                Map.of("JDK_JAVA_OPTIONS", "-Duser.home=" + userHome), args);
        jar.awaitExit(Duration.ofMinutes(1));
        return jar;
    }

    @Test
    void versionAndHelpCreateNoHome(@TempDir Path userHome, @TempDir Path work) throws Exception {
        assertThat(run(userHome, work.resolve("version"), "--version").process().exitValue()).isZero();
        assertThat(run(userHome, work.resolve("help"), "cds", "--help").process().exitValue()).isZero();

        assertThat(userHome.resolve(".helk-lab")).doesNotExist();
    }

    @Test
    void aCommandNeverWritesTheAppliancesLog(@TempDir Path userHome, @TempDir Path work) throws Exception {
        JarProcess verify = run(userHome, work, "samples", "verify");

        assertThat(verify.process().exitValue()).as(verify.output()).isEqualTo(1);
        assertThat(userHome.resolve(".helk-lab/logs/helk-lab.log")).doesNotExist();
    }
}
