package io.helklab.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes the Jupyter kernelspec of the HELK lab kernel: {@code <kernels>/helk-lab/kernel.json} and
 * the bridge script it runs. Put the parent of {@code <kernels>} on the Jupyter process's
 * {@code JUPYTER_PATH}.
 */
public final class KernelSpec {

    /** The kernelspec's directory name, which is also the kernel name notebooks refer to. */
    public static final String KERNEL_NAME = "helk-lab";
    public static final String DISPLAY_NAME = "HELK lab (Java + Spark SQL)";
    public static final Path DEFAULT_PYTHON = Path.of("/usr/bin/python3");
    static final String BRIDGE_SCRIPT = "helklab_kernel_bridge.py";

    private KernelSpec() {
    }

    /**
     * Writes (or overwrites) the kernelspec.
     *
     * @param kernelsDirectory the {@code kernels} directory inside a {@code JUPYTER_PATH} entry
     * @param pythonExecutable the Python 3 that runs the bridge (stdlib only; Debian's
     *     {@code /usr/bin/python3} in HELK lab)
     * @return the kernelspec directory
     */
    public static Path write(Path kernelsDirectory, Path pythonExecutable) throws IOException {
        Path directory = kernelsDirectory.resolve(KERNEL_NAME);
        Files.createDirectories(directory);
        Path bridge = directory.resolve(BRIDGE_SCRIPT).toAbsolutePath();
        try (InputStream script = KernelSpec.class.getResourceAsStream(BRIDGE_SCRIPT)) {
            if (script == null) {
                throw new IOException("The kernel bridge script " + BRIDGE_SCRIPT + " is missing from the class path"
                        + " next to " + KernelSpec.class.getName() + "; the jar is incomplete, rebuild it");
            }
            Files.copy(script, bridge, StandardCopyOption.REPLACE_EXISTING);
        }
        ObjectNode spec = MessageCodec.json().createObjectNode();
        List.of(pythonExecutable.toString(), bridge.toString(), "{connection_file}")
                .forEach(spec.putArray("argv")::add);
        spec.put("display_name", DISPLAY_NAME)
                .put("language", "java")
                .put("interrupt_mode", "message");
        spec.putObject("metadata").put("debugger", false);
        Files.write(directory.resolve("kernel.json"),
                MessageCodec.json().writerWithDefaultPrettyPrinter().writeValueAsBytes(spec));
        return directory;
    }
}
