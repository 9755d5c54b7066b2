package io.helklab.door.jupyter;

import io.helklab.config.HomeLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the appliance runs Jupyter (classic Notebook 6.x, e.g. Debian's {@code jupyter-notebook}).
 *
 * @param command           the {@code jupyter-notebook} executable ({@code --jupyter-command})
 * @param layout            the appliance home: notebooks, logs and Jupyter's own directories live there
 * @param elasticsearchUrl  exported to notebooks as {@code HELK_ES_URL}
 * @param kafkaBootstrap    exported to notebooks as {@code HELK_KAFKA_BOOTSTRAP}; may be {@code null}
 * @param allowRemoteAccess whether browsers reach Jupyter under a host name other than loopback
 *                          (the door keeps the Host header, and Jupyter would reject such hosts)
 * @param extraEnvironment  more variables for Jupyter and its kernels (e.g. the in-JVM kernel's gateway)
 * @param extraJupyterPath  directories put first on {@code JUPYTER_PATH} (e.g. extra kernelspecs)
 * @param terminals         whether Jupyter offers terminals: a shell as the appliance's user for whoever can
 *                          log in, so off unless asked for ({@code --jupyter-terminals})
 */
public record JupyterSettings(
        Path command,
        HomeLayout layout,
        String elasticsearchUrl,
        String kafkaBootstrap,
        boolean allowRemoteAccess,
        Map<String, String> extraEnvironment,
        List<Path> extraJupyterPath,
        boolean terminals) {

    /** Debian's classic Notebook; another {@code python3} (pyenv, conda) may come first on PATH. */
    public static final Path DEBIAN_COMMAND = Path.of("/usr/bin/jupyter-notebook");

    /** What to tell a user who has no Jupyter. */
    public static final String INSTALL_HINT = "Install Jupyter with: sudo apt-get install jupyter-notebook python3-ipykernel"
            + " (or pass --jupyter-command PATH to a classic Notebook 6 jupyter-notebook), then restart HELK lab.";

    public JupyterSettings {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(elasticsearchUrl, "elasticsearchUrl");
        extraEnvironment = Map.copyOf(extraEnvironment);
        extraJupyterPath = List.copyOf(extraJupyterPath);
    }

    /** Debian's Jupyter, local access only, no extras. */
    public static JupyterSettings defaults(HomeLayout layout, String elasticsearchUrl, String kafkaBootstrap) {
        return new JupyterSettings(DEBIAN_COMMAND, layout, elasticsearchUrl, kafkaBootstrap, false, Map.of(), List.of(),
                false);
    }

    /** Another executable; {@code null} keeps this one. */
    public JupyterSettings withCommand(Path newCommand) {
        return newCommand == null ? this : new JupyterSettings(newCommand, layout, elasticsearchUrl, kafkaBootstrap,
                allowRemoteAccess, extraEnvironment, extraJupyterPath, terminals);
    }

    public JupyterSettings withRemoteAccess(boolean allow) {
        return new JupyterSettings(command, layout, elasticsearchUrl, kafkaBootstrap, allow, extraEnvironment,
                extraJupyterPath, terminals);
    }

    public JupyterSettings withExtraEnvironment(Map<String, String> environment) {
        return new JupyterSettings(command, layout, elasticsearchUrl, kafkaBootstrap, allowRemoteAccess, environment,
                extraJupyterPath, terminals);
    }

    public JupyterSettings withExtraJupyterPath(List<Path> directories) {
        return new JupyterSettings(command, layout, elasticsearchUrl, kafkaBootstrap, allowRemoteAccess,
                extraEnvironment, directories, terminals);
    }

    /** Terminals on or off (off by default). */
    public JupyterSettings withTerminals(boolean enabled) {
        return new JupyterSettings(command, layout, elasticsearchUrl, kafkaBootstrap, allowRemoteAccess,
                extraEnvironment, extraJupyterPath, enabled);
    }

    /** Jupyter's configuration directory: the appliance's own, so a user's {@code ~/.jupyter} cannot break it. */
    public Path configDirectory() {
        return layout.data("jupyter").resolve("config");
    }

    /** Jupyter's runtime directory (kernel connection files). */
    public Path runtimeDirectory() {
        return layout.data("jupyter").resolve("runtime");
    }
}
