package io.helklab.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helklab.HelkLab;
import io.helklab.config.HomeLayout;
import io.helklab.door.jupyter.JupyterSettings;
import io.helklab.kernel.KernelGateway;
import io.helklab.kernel.KernelSpec;
import io.helklab.notebook.GraphCellMagic;
import io.helklab.notebook.Lab;
import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-JVM notebook kernel of a running appliance: the {@code lab} façade, the kernel gateway with
 * {@code %%sql} and {@code %%graph}, and the kernelspec Jupyter finds through {@code JUPYTER_PATH}.
 *
 * <p>Lifecycle: {@link #start} once the appliance is running and before Jupyter is created (Jupyter
 * needs {@link #configure}'s environment); {@link #close()} after Jupyter stopped and before the
 * appliance stops, so no cell runs against stopped services. Threading: that of {@link KernelGateway}.
 * Failure: a gateway that cannot start or a kernelspec that cannot be written fails {@link #start},
 * with the path or cause; the caller decides whether the appliance runs without notebooks.
 */
final class NotebookKernels implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotebookKernels.class);

    private final KernelGateway gateway;
    private final Path jupyterPath;

    private NotebookKernels(KernelGateway gateway, Path jupyterPath) {
        this.gateway = gateway;
        this.jupyterPath = jupyterPath;
    }

    /** Starts the gateway for {@code appliance} and writes the kernelspec under {@code <home>/data/jupyter/kernel-path}. */
    static NotebookKernels start(HelkLab appliance) {
        Lab lab = new Lab(appliance.spark(), appliance.huntData(), appliance.elasticsearchUrl(),
                appliance.kafkaBootstrapServers());
        KernelGateway gateway = new KernelGateway(appliance.spark(), Map.of("lab", lab));
        gateway.magics().register(new GraphCellMagic(lab.namedGraphs()));
        HomeLayout layout = appliance.config().layout();
        Path jupyterPath = jupyterPath(layout);
        try {
            gateway.start();
            gateway.writeKernelSpec(jupyterPath.resolve("kernels"));
            writeDefaultKernel(configDirectory(layout));
        } catch (IOException | RuntimeException failure) {
            gateway.close();
            throw new IllegalStateException("Could not set up the notebook kernel (kernelspec under " + jupyterPath
                    + "): " + failure.getMessage(), failure);
        }
        LOG.info("Notebook kernel {} ready on gateway port {}", KernelSpec.KERNEL_NAME, gateway.port());
        return new NotebookKernels(gateway, jupyterPath);
    }

    /** As {@link #start}, but a failure is logged and gives {@code null}: the appliance runs without the kernel. */
    static NotebookKernels startOrNull(HelkLab appliance) {
        try {
            return start(appliance);
        } catch (RuntimeException failure) {
            LOG.warn("Notebooks will have no HELK lab kernel: {}", failure.getMessage(), failure);
            return null;
        }
    }

    /** The {@code JUPYTER_PATH} entry holding {@code kernels/helk-lab}. */
    static Path jupyterPath(HomeLayout layout) {
        return layout.data("jupyter").resolve("kernel-path");
    }

    /** Jupyter's configuration directory, as the door's {@link JupyterSettings#configDirectory()} names it. */
    private static Path configDirectory(HomeLayout layout) {
        return layout.data("jupyter").resolve("config");
    }

    /** The settings with the kernelspec on {@code JUPYTER_PATH} and the gateway's address and secret. */
    JupyterSettings configure(JupyterSettings settings) {
        return settings.withExtraJupyterPath(List.of(jupyterPath))
                .withExtraEnvironment(gateway.environmentVariables());
    }

    /**
     * Makes {@code helk-lab} the kernel of notebooks that name none. JupyterSettings has no way to pass
     * extra arguments, but Jupyter reads this file from the configuration directory the door gives it;
     * a user's own settings in it are kept.
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

    /** {@code kernels}' settings for Jupyter, or {@code settings} unchanged when there is no kernel. */
    static JupyterSettings configure(NotebookKernels kernels, JupyterSettings settings) {
        return kernels == null ? settings : kernels.configure(settings);
    }

    /**
     * {@code services} followed by a {@code kernel} entry with the number of kernels running. Without a
     * kernel (it could not start; the log says why) there is no entry: the health report counts every
     * service it does not know as core, and a notebook kernel is no reason to call the appliance red.
     */
    static Map<String, ServiceHealth> healthAfter(NotebookKernels kernels, Map<String, ServiceHealth> services) {
        Map<String, ServiceHealth> all = new LinkedHashMap<>(services);
        if (kernels == null) {
            return all;
        }
        KernelGateway gateway = kernels.gateway;
        ServiceHealth kernel;
        try {
            kernel = new ServiceHealth(ServiceStatus.UP, "127.0.0.1:" + gateway.port(),
                    Map.of("kernels_running", gateway.kernelIds().size(), "kernel_name", KernelSpec.KERNEL_NAME));
        } catch (IllegalStateException closed) {
            kernel = ServiceHealth.of(ServiceStatus.DOWN, null);
        }
        all.put("kernel", kernel);
        return all;
    }

    /** Shuts every kernel down; their bridges (Jupyter's kernel processes) exit. Idempotent. */
    @Override
    public void close() {
        gateway.close();
    }
}
