package io.helklab.door;

import io.helklab.HelkLab;
import io.helklab.config.Component;
import io.helklab.config.HelkLabConfig;
import io.helklab.door.jupyter.JupyterSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * One appliance (real Elasticsearch only), Jupyter and a loopback front door, shared by the
 * integration tests of a test JVM and closed when it exits. No Kibana is configured.
 */
final class SharedDoor {
    private static SharedDoor instance;

    final HelkLab lab;
    final ChildServices children;
    final FrontDoor door;
    final DoorClient client;

    private SharedDoor(HelkLab lab, ChildServices children, FrontDoor door) {
        this.lab = lab;
        this.children = children;
        this.door = door;
        this.client = new DoorClient("http://127.0.0.1:" + door.port());
    }

    static synchronized SharedDoor get() {
        Prerequisites.requireJupyter();
        if (instance == null) {
            try {
                Path home = Files.createTempDirectory("helk-door-it-");
                HelkLab lab = HelkLab.create(HelkLabConfig.ephemeral(home).withComponents(Set.of(Component.ELASTICSEARCH))).start();
                JupyterSettings settings = JupyterSettings.defaults(lab.config().layout(), lab.elasticsearchUrl(), null)
                        .withCommand(Prerequisites.JUPYTER);
                ChildServices children = new ChildServices(settings, null);
                FrontDoor door = new FrontDoor("127.0.0.1", 0, () -> children.healthAfter(lab.health()));
                children.mount(door);
                children.start();
                door.start();
                instance = new SharedDoor(lab, children, door);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    door.close();
                    children.close();
                    lab.close();
                }, "helk-door-it-shutdown"));
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        }
        return instance;
    }
}
