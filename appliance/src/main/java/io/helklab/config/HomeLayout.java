package io.helklab.config;

import java.nio.file.Path;

/** Where things live under the appliance home. */
public record HomeLayout(Path home) {

    public Path data(String service) {
        return home.resolve("data").resolve(service);
    }

    public Path logs() {
        return home.resolve("logs");
    }

    public Path logFile() {
        return logs().resolve("helk-lab.log");
    }

    public Path notebooks() {
        return home.resolve("notebooks");
    }

    /** The user's own Sigma rules, picked up while the appliance runs. */
    public Path rules() {
        return home.resolve("rules");
    }

    public Path run() {
        return home.resolve("run");
    }
}
