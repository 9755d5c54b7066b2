package io.helklab.notebook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helklab.Contribution;
import io.helklab.HelkLab;
import io.helklab.config.Component;
import io.helklab.config.HomeLayout;
import io.helklab.kernel.KernelGateway;
import io.helklab.kernel.KernelSpec;
import io.helklab.service.Service;
import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-JVM notebook kernel of the appliance, service {@value #NAME}: the {@code lab} façade, the kernel gateway
 * with {@code %%sql} and {@code %%graph}, and the kernelspec Jupyter finds through {@code JUPYTER_PATH}.
 *
 * <p>Lifecycle: a {@link Service} of the appliance's group, after Spark and Elasticsearch and before Jupyter, which
 * reads {@link #jupyterPath} and {@link #environmentVariables()} when it starts; it stops after Jupyter, so no cell
 * runs against stopped services. Threading: that of {@link KernelGateway}. Failure: a gateway that cannot start or
 * a kernelspec that cannot be written fails {@link #start} with the path and cause.
 */
public final class NotebookKernels implements Service {
    /** The service's name in health reports. */
    public static final String NAME = "kernel";
    private static final Logger LOG = LoggerFactory.getLogger(NotebookKernels.class);

    private final HelkLab appliance;
    private volatile KernelGateway gateway;

    private NotebookKernels(HelkLab appliance) {
        this.appliance = appliance;
    }

    /** Adds the kernel to the product, once Spark and Elasticsearch (and Kafka, when there is one) are up. */
    public static Contribution contribution() {
        return assembly -> assembly.add(new NotebookKernels(assembly.lab()),
                assembly.present("spark", "elasticsearch", "kafka"));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Starts the gateway and writes the kernelspec under {@code <home>/data/jupyter/kernel-path}. */
    @Override
    public void start() {
        String kafka = appliance.config().has(Component.KAFKA) ? appliance.kafkaBootstrapServers() : null;
        Lab lab = new Lab(appliance.spark(), appliance.huntData(), appliance.elasticsearchUrl(), kafka);
        KernelGateway started = new KernelGateway(appliance.spark(), Map.of("lab", lab));
        started.magics().register(new GraphCellMagic(lab.namedGraphs()));
        started.magics().register(new SigmaCellMagic(appliance.elasticsearchUrl()));
        HomeLayout layout = appliance.config().layout();
        Path jupyterPath = jupyterPath(layout);
        try {
            started.start();
            started.writeKernelSpec(jupyterPath.resolve("kernels"));
            writeDefaultKernel(configDirectory(layout));
        } catch (IOException | RuntimeException failure) {
            started.close();
            throw new IllegalStateException("Could not set up the notebook kernel (kernelspec under " + jupyterPath
                    + "): " + failure.getMessage(), failure);
        }
        gateway = started;
        LOG.info("Notebook kernel {} ready on gateway port {}", KernelSpec.KERNEL_NAME, started.port());
    }

    /** The {@code JUPYTER_PATH} entry holding {@code kernels/helk-lab}. */
    public static Path jupyterPath(HomeLayout layout) {
        return layout.data("jupyter").resolve("kernel-path");
    }

    /** Jupyter's configuration directory, as the door's Jupyter settings name it. */
    private static Path configDirectory(HomeLayout layout) {
        return layout.data("jupyter").resolve("config");
    }

    /** The gateway's address and secret, for Jupyter and the kernels it starts; once started. */
    public Map<String, String> environmentVariables() {
        KernelGateway current = gateway;
        if (current == null) {
            throw new IllegalStateException("the notebook kernel is not started");
        }
        return current.environmentVariables();
    }

    /**
     * Makes {@code helk-lab} the kernel of notebooks that name none. Jupyter reads this file from the
     * configuration directory the door gives it; a user's own settings in it are kept.
     */
    private static void writeDefaultKernel(Path configDirectory) throws IOException {
        Files.createDirectories(configDirectory);
        Path file = configDirectory.resolve("jupyter_notebook_config.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = Files.exists(file) ? (ObjectNode) json.readTree(file.toFile()) : json.createObjectNode();
        ObjectNode manager = config.has("MappingKernelManager") ? (ObjectNode) config.get("MappingKernelManager")
                : config.putObject("MappingKernelManager");
        manager.put("default_kernel_name", KernelSpec.KERNEL_NAME);
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), config);
    }

    /** The number of kernels running, and where the gateway listens. */
    @Override
    public ServiceHealth health() {
        KernelGateway current = gateway;
        if (current == null) {
            return ServiceHealth.of(ServiceStatus.STARTING, null);
        }
        try {
            return new ServiceHealth(ServiceStatus.UP, "127.0.0.1:" + current.port(),
                    Map.of("kernels_running", current.kernelIds().size(), "kernel_name", KernelSpec.KERNEL_NAME));
        } catch (IllegalStateException closed) {
            return ServiceHealth.of(ServiceStatus.DOWN, null);
        }
    }

    /** Shuts every kernel down; their bridges (Jupyter's kernel processes) exit. Idempotent. */
    @Override
    public void close() {
        KernelGateway current = gateway;
        if (current != null) {
            current.close();
        }
    }
}
