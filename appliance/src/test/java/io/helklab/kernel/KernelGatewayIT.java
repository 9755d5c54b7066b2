package io.helklab.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.helklab.SharedAppliance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel as Jupyter uses it: Debian's {@code /usr/bin/python3} and {@code jupyter_client} start
 * the kernelspec the gateway writes, against a real local Spark session.
 */
class KernelGatewayIT {

    private static final Path PYTHON = KernelSpec.DEFAULT_PYTHON;

    @TempDir
    static Path jupyterPath;

    private static SparkSession spark;
    private static KernelGateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        requireJupyterClient();
        // Spark allows one context per JVM: borrow the shared test appliance's session, never stop it.
        spark = SharedAppliance.get().spark();
        gateway = new KernelGateway(spark, Map.of("greeting", "hello from the appliance")).start();
        Path spec = gateway.writeKernelSpec(jupyterPath.resolve("kernels"));
        assertThat(spec.resolve("kernel.json")).exists();
        assertThat(spec.resolve(KernelSpec.BRIDGE_SCRIPT)).exists();
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void jupyterClientDrivesTheKernel() throws Exception {
        Path script = jupyterPath.resolve("kernel_checks.py");
        try (InputStream resource = KernelGatewayIT.class.getResourceAsStream("kernel_checks.py")) {
            Files.copy(resource, script);
        }
        Process process = python(List.of(script.toString()), gateway.environmentVariables());
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(15, TimeUnit.MINUTES)).as("kernel checks finished").isTrue();
        assertThat(output)
                .as("kernel checks output:%n%s", output)
                .contains("PASS kernel_info", "PASS stdout_and_result", "PASS error_keeps_kernel",
                        "PASS compilation_error", "PASS sql_magic", "PASS unknown_magic",
                        "PASS rich_display_and_bindings", "PASS exit_refused", "PASS completion_and_completeness",
                        "PASS bad_signature_ignored", "PASS interrupt_long_spark_job", "PASS restart_clears_state",
                        "PASS two_kernels_isolated", "PASS shutdown_ends_bridge", "SUMMARY 14 passed, 0 failed")
                .doesNotContain("FAIL");
        assertThat(process.exitValue()).as("kernel checks exit code; output:%n%s", output).isZero();
        awaitNoKernels();
        assertThat(spark.range(5).count()).as("Spark still usable in this JVM").isEqualTo(5);
    }

    @Test
    void bridgeWithWrongSecretIsRefused() throws Exception {
        Path connectionFile = jupyterPath.resolve("refused-connection.json");
        Files.writeString(connectionFile, "{\"transport\":\"tcp\",\"ip\":\"127.0.0.1\",\"shell_port\":1,"
                + "\"iopub_port\":2,\"stdin_port\":3,\"control_port\":4,\"hb_port\":5,\"key\":\"k\","
                + "\"signature_scheme\":\"hmac-sha256\"}");
        Path bridge = jupyterPath.resolve("kernels").resolve(KernelSpec.KERNEL_NAME).resolve(KernelSpec.BRIDGE_SCRIPT);
        List<String> before = gateway.kernelIds();
        Process process = python(List.of(bridge.toString(), connectionFile.toString()),
                Map.of(KernelGateway.GATEWAY_VARIABLE, Integer.toString(gateway.port()),
                        KernelGateway.SECRET_VARIABLE, "0".repeat(64)));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("bridge exit code; output: %s", output).isNotZero();
        assertThat(output).contains("refused the kernel", "wrong secret");
        assertThat(gateway.kernelIds()).isEqualTo(before);
    }

    private static void awaitNoKernels() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!gateway.kernelIds().isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(gateway.kernelIds()).as("kernels left after every notebook shut down").isEmpty();
    }

    private static Process python(List<String> arguments, Map<String, String> variables) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(PYTHON.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.remove("PYTHONPATH");
        environment.remove("PYTHONHOME");
        environment.put("JUPYTER_PATH", jupyterPath.toString());
        environment.put("JUPYTER_RUNTIME_DIR", jupyterPath.resolve("runtime").toString());
        environment.put("JUPYTER_DATA_DIR", jupyterPath.resolve("data").toString());
        environment.put("JUPYTER_CONFIG_DIR", jupyterPath.resolve("config").toString());
        environment.putAll(variables);
        return builder.start();
    }

    /** In CI a missing Jupyter is a failure; on a workstation the test is skipped with what to install. */
    private static void requireJupyterClient() throws Exception {
        String problem = null;
        if (!Files.isExecutable(PYTHON)) {
            problem = PYTHON + " is missing";
        } else {
            Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import jupyter_client")
                    .redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (probe.waitFor() != 0) {
                problem = PYTHON + " cannot import jupyter_client: " + output.strip();
            }
        }
        if (problem == null) {
            return;
        }
        String message = problem + ". Install Debian's packages: apt-get install python3 python3-jupyter-client"
                + " python3-ipykernel jupyter-notebook";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        assumeTrue(false, message);
    }
}
