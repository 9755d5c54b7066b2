package io.helklab.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helklab.config.HelkLabConfig;
import io.helklab.config.SparkClusterConfig;
import java.net.URI;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Pins how the Spark cluster flags reach the configuration. */
class SparkClusterOptionsTest {

    private static HelkLabConfig parse(String... args) {
        LauncherCommand command = new LauncherCommand();
        new CommandLine(command).parseArgs(args);
        return command.options.toConfig();
    }

    @Test
    void withoutTheFlagSparkRunsLocally() {
        HelkLabConfig config = parse();
        assertThat(config.spark().external()).isFalse();
        assertThat(config.spark().master()).isEqualTo("local[*]");
        assertThat(config.spark().driverHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void theClusterFlagsReachTheConfiguration() {
        HelkLabConfig config = parse("--spark-master", "spark://spark.example:7077", "--spark-master-ui",
                "http://spark.example:8081", "--spark-driver-host", "10.0.0.5", "--spark-connect-port", "0");
        SparkClusterConfig cluster = config.spark().cluster();
        assertThat(config.spark().master()).isEqualTo("spark://spark.example:7077");
        assertThat(cluster.webUi()).isEqualTo(URI.create("http://spark.example:8081"));
        assertThat(config.spark().driverHost()).isEqualTo("10.0.0.5");
        assertThat(config.spark().connectPort()).isZero();
    }

    @Test
    void theWebUiDefaultsToTheMastersHost() {
        HelkLabConfig config = parse("--spark-master", "spark://master-1:7077,master-2:7077");
        assertThat(config.spark().cluster().webUi()).isEqualTo(URI.create("http://master-1:8080"));
        assertThat(config.spark().cluster().endpoints()).extracting(Object::toString)
                .containsExactly("master-1:7077", "master-2:7077");
        assertThat(config.spark().driverHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void otherClusterManagersAreRefusedNamingTheFlag() {
        assertThatThrownBy(() -> parse("--spark-master", "k8s://https://kubernetes:6443"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--spark-master takes a Spark standalone master")
                .hasMessageContaining("Kubernetes and YARN");
        assertThatThrownBy(() -> parse("--spark-master", "yarn")).hasMessageContaining("Scaling out");
        assertThatThrownBy(() -> parse("--spark-master", "local[2]")).hasMessageContaining("leave --spark-master out");
        assertThatThrownBy(() -> parse("--spark-master", "spark://master")).hasMessageContaining("is not HOST:PORT");
        assertThatThrownBy(() -> parse("--spark-driver-host", "10.0.0.5")).hasMessageContaining("need --spark-master");
    }
}
