package io.helklab.door;

import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * What the front door serves beside its landing page and health API.
 *
 * @param bindAddress       where the door listens; anything but loopback requires a login
 * @param port              the door's port, {@code 0} for a free one
 * @param huntUi            whether the hunt UI takes {@code /} (the landing page stays at {@code /status}) and its
 *                          API {@code /api/hunt}
 * @param childServices     whether Jupyter and Kibana run behind {@code /jupyter/} and {@code /kibana/}
 * @param jupyterCommand    Jupyter's executable, {@code null} for Debian's
 * @param kibanaHome        an unpacked Kibana OSS, {@code null} for none
 * @param jupyterTerminals  whether Jupyter offers terminals (a shell as the appliance's user for whoever can log in)
 * @param tls               the door's certificate and key, {@code null} for plain HTTP
 * @param userDashboards    the directory of the user's own dashboard files, {@code null} for built-ins only
 */
public record DoorSettings(String bindAddress, int port, boolean huntUi, boolean childServices, Path jupyterCommand,
        Path kibanaHome, boolean jupyterTerminals, SSLContext tls, Path userDashboards) {

    public DoorSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the door's port must be between 0 and 65535, got " + port);
        }
    }

    /** Loopback, a free port, plain HTTP, the hunt UI, Debian's Jupyter without terminals, no Kibana. */
    public static DoorSettings loopback() {
        return new DoorSettings("127.0.0.1", 0, true, true, null, null, false, null, null);
    }

    public DoorSettings withListener(String newBindAddress, int newPort) {
        return new DoorSettings(newBindAddress, newPort, huntUi, childServices, jupyterCommand, kibanaHome,
                jupyterTerminals, tls, userDashboards);
    }

    public DoorSettings withHuntUi(boolean serve) {
        return new DoorSettings(bindAddress, port, serve, childServices, jupyterCommand, kibanaHome, jupyterTerminals,
                tls, userDashboards);
    }

    public DoorSettings withChildServices(boolean run) {
        return new DoorSettings(bindAddress, port, huntUi, run, jupyterCommand, kibanaHome, jupyterTerminals, tls,
                userDashboards);
    }

    public DoorSettings withJupyterCommand(Path command) {
        return new DoorSettings(bindAddress, port, huntUi, childServices, command, kibanaHome, jupyterTerminals, tls,
                userDashboards);
    }

    public DoorSettings withKibanaHome(Path installation) {
        return new DoorSettings(bindAddress, port, huntUi, childServices, jupyterCommand, installation,
                jupyterTerminals, tls, userDashboards);
    }

    public DoorSettings withJupyterTerminals(boolean enabled) {
        return new DoorSettings(bindAddress, port, huntUi, childServices, jupyterCommand, kibanaHome, enabled, tls,
                userDashboards);
    }

    public DoorSettings withTls(SSLContext context) {
        return new DoorSettings(bindAddress, port, huntUi, childServices, jupyterCommand, kibanaHome,
                jupyterTerminals, context, userDashboards);
    }

    public DoorSettings withUserDashboards(Path directory) {
        return new DoorSettings(bindAddress, port, huntUi, childServices, jupyterCommand, kibanaHome,
                jupyterTerminals, tls, directory);
    }
}
