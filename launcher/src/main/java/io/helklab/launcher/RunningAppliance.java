package io.helklab.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.home.HomeLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The appliance running on a home, as seen from another process: its endpoints, read from the
 * ready file it writes once every service is up.
 */
record RunningAppliance(long pid, String http, String elasticsearch, String kafka) {

    /**
     * The running appliance on this home for a command that needs one; when there is none, the console is told why
     * and how to start one, and the answer is empty (the command then exits with 1).
     */
    static Optional<RunningAppliance> forCommand(Path home, Console console) {
        try {
            return Optional.of(on(home));
        } catch (IllegalStateException notRunning) {
            console.error("helk-lab: " + notRunning.getMessage());
            return Optional.empty();
        }
    }

    /** Elasticsearch's HTTP API on this appliance. */
    ElasticsearchHttp elasticsearchHttp() {
        return new ElasticsearchHttp(elasticsearch);
    }

    /** The running appliance on this home, or an exception that says how to start one. */
    static RunningAppliance on(Path home) {
        Path ready = home.resolve("run/ready.json");
        if (!Files.exists(ready)) {
            throw new IllegalStateException("No HELK lab is running on " + home + ". Start one first, in another terminal: "
                    + "java -jar helk-lab.jar" + (home.equals(HomeArgument.defaultHome()) ? "" : " --home " + home));
        }
        try {
            JsonNode json = new ObjectMapper().readTree(ready.toFile());
            long pid = json.path("pid").asLong();
            String startAgain = "Start it again: java -jar helk-lab.jar"
                    + (home.equals(HomeArgument.defaultHome()) ? "" : " --home " + home);
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
                throw new IllegalStateException("The HELK lab that ran on " + home + " (pid " + pid + ") is gone. "
                        + startAgain);
            }
            if (!HomeLock.isHeld(home)) {
                // The appliance died without removing its ready file, and another process now has its pid.
                throw new IllegalStateException("No HELK lab is running on " + home + ": " + ready + " names pid " + pid
                        + ", which is alive but is not a HELK lab on this home (it does not hold "
                        + home.resolve("run/helk-lab.lock") + "). " + startAgain);
            }
            return new RunningAppliance(pid, json.path("http").asText(), json.path("elasticsearch").asText(),
                    json.path("kafka").asText());
        } catch (IOException unreadable) {
            throw new IllegalStateException("Could not read " + ready + ": " + unreadable.getMessage(), unreadable);
        }
    }
}
