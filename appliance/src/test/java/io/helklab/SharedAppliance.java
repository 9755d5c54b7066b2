package io.helklab;

import io.helklab.config.HelkLabConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One appliance with every component and ephemeral ports, shared by the integration tests of a
 * test JVM and closed when the JVM exits. Starting it once keeps the suite fast; tests that need a
 * fresh or differently configured appliance start their own.
 */
public final class SharedAppliance {
    private static HelkLab lab;

    private SharedAppliance() {}

    public static synchronized HelkLab get() {
        if (lab == null) {
            try {
                Path home = Files.createTempDirectory("helk-lab-it-");
                lab = HelkLab.create(HelkLabConfig.ephemeral(home)).start();
                Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "helk-lab-it-shutdown"));
            } catch (IOException failure) {
                throw new IllegalStateException(failure);
            }
        }
        return lab;
    }
}
