package io.helklab.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helklab.config.HelkLabConfig;
import io.helklab.detection.RuleLevel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Pins the one mapping from command-line flags to the appliance configuration. */
class ApplianceOptionsTest {

    private static ApplianceOptions parse(String... args) {
        LauncherCommand command = new LauncherCommand();
        new CommandLine(command).parseArgs(args);
        return command.options;
    }

    @Test
    void defaultsMatchTheDocumentedOnes() {
        ApplianceOptions options = parse();
        HelkLabConfig config = options.toConfig();
        assertThat(config.home()).isEqualTo(Path.of(System.getProperty("user.home"), ".helk-lab"));
        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(options.httpPort()).isEqualTo(8080);
        assertThat(config.elasticsearch().port()).isEqualTo(9200);
        assertThat(config.kafka().port()).isEqualTo(9092);
        assertThat(config.zookeeper().port()).isEqualTo(2181);
        assertThat(config.spark().connectPort()).isEqualTo(15002);
        assertThat(config.kafka().advertisedHost()).isNull();
        assertThat(config.password()).isNull();
    }

    @Test
    void everyFlagReachesTheConfiguration() {
        ApplianceOptions options = parse("--home", "/tmp/lab", "--bind", "0.0.0.0", "--http-port", "0", "--es-port", "9201",
                "--kafka-port", "9093", "--zk-port", "2182", "--kafka-advertised-host", "classroom.local",
                "--spark-connect-port", "0", "--password", "s3cret-pass");
        HelkLabConfig config = options.toConfig();
        assertThat(config.home()).isEqualTo(Path.of("/tmp/lab"));
        assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(options.httpPort()).isZero();
        assertThat(config.elasticsearch().port()).isEqualTo(9201);
        assertThat(config.kafka().port()).isEqualTo(9093);
        assertThat(config.zookeeper().port()).isEqualTo(2182);
        assertThat(config.kafka().advertisedHost()).isEqualTo("classroom.local");
        assertThat(config.spark().connectPort()).isZero();
        assertThat(config.password()).isEqualTo("s3cret-pass");
    }

    @Test
    void ruleAndIocFlagsReachTheDetectionConfiguration() {
        HelkLabConfig config = parse("--rules", "/tmp/sigma", "--rules", "/tmp/more", "--rules-min-level", "high",
                "--no-builtin-rules", "--ioc", "/tmp/iocs.txt").toConfig();
        assertThat(config.detection().ruleDirectories()).containsExactly(Path.of("/tmp/sigma"), Path.of("/tmp/more"));
        assertThat(config.detection().iocFiles()).containsExactly(Path.of("/tmp/iocs.txt"));
        assertThat(config.detection().minimumLevel()).isEqualTo(RuleLevel.HIGH);
        assertThat(config.detection().builtInRules()).isFalse();
        assertThat(parse().toConfig().detection().builtInRules()).isTrue();
        assertThatThrownBy(() -> parse("--rules-min-level", "severe").toConfig())
                .hasMessageContaining("--rules-min-level").hasMessageContaining("severe");
    }

    @Test
    void homeAcceptsATilde() {
        assertThat(parse("--home=~/labs/one").homeDirectory())
                .isEqualTo(Path.of(System.getProperty("user.home"), "labs", "one"));
    }

    @Test
    void usageErrorsExitWith2AndPrintUsage() {
        CommandLine commandLine = LauncherCommand.commandLine();
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        assertThat(commandLine.execute("--zk-port", "-")).isEqualTo(2);
        assertThat(err.toString()).contains("--zk-port", "Usage: helk-lab");
    }
}
