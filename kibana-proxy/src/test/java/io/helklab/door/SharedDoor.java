package io.helklab.door;

import io.helklab.HelkLab;
import io.helklab.config.Component;
import io.helklab.config.HelkLabConfig;
import io.helklab.service.ServiceGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * One appliance (real Elasticsearch only) with the front door's part of the product — a loopback door and
 * Jupyter behind it, no hunt UI, no Kibana — shared by the integration tests of a test JVM and closed when it exits.
 */
final class SharedDoor {
    private static SharedDoor instance;

    final HelkLab lab;
    final ChildServices children;
    final FrontDoor door;
    final DoorClient client;

    private SharedDoor(HelkLab lab, DoorContribution parts) {
        this.lab = lab;
        this.children = parts.children();
        this.door = parts.door();
        this.client = new DoorClient("http://127.0.0.1:" + door.port());
    }

    static synchronized SharedDoor get() {
        Prerequisites.requireJupyter();
        if (instance == null) {
            try {
                Path home = Files.createTempDirectory("helk-door-it-");
                DoorContribution parts = new DoorContribution(DoorSettings.loopback().withHuntUi(false)
                        .withJupyterCommand(Prerequisites.JUPYTER));
                HelkLab lab = HelkLab.create(HelkLabConfig.ephemeral(home).withComponents(Set.of(Component.ELASTICSEARCH)))
                        .with(parts).start();
                lab.startAfterReady(ServiceGroup.StartListener.NONE);
                instance = new SharedDoor(lab, parts);
                Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "helk-door-it-shutdown"));
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        }
        return instance;
    }
}
