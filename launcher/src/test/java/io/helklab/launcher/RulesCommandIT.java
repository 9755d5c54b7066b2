package io.helklab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.samples.SampleCatalog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code helk-lab rules check DIR…} and {@code helk-lab rules test RULE.yml} as a user runs them: the
 * shaded jar against the appliance running on a home that holds the LSASS dumping scenario (loaded with
 * {@code samples load}). A rule that matches the scenario's dumper, one that matches nothing, and a malformed one,
 * which is reported with its file and line while the others and the stored events stay as they were.
 */
class RulesCommandIT {
    private static final String SCENARIO = "lsass-credential-dumping";
    private static final String MATCHING = """
            title: LSASS read by a program in the Public Libraries folder
            id: 3f0b7c1d-2e4a-4b58-9c6d-8e1f2a3b4c61
            logsource: {product: windows, category: process_access}
            detection:
              selection:
                TargetImage|endswith: '\\lsass.exe'
                SourceImage|startswith: 'C:\\Users\\Public\\Libraries\\'
              condition: selection
            level: high
            """;
    private static final String SILENT = """
            title: Mimikatz started under its own name
            id: 3f0b7c1d-2e4a-4b58-9c6d-8e1f2a3b4c62
            logsource: {product: windows, category: process_creation}
            detection:
              selection:
                Image|endswith: '\\mimikatz.exe'
              condition: selection
            level: critical
            """;
    /** An unknown modifier on line 6. */
    private static final String MALFORMED = """
            title: A modifier Sigma does not have
            id: 3f0b7c1d-2e4a-4b58-9c6d-8e1f2a3b4c63
            logsource: {product: windows, category: process_creation}
            detection:
              selection:
                CommandLine|sounds_like: 'sekurlsa'
              condition: selection
            level: high
            """;

    @Test
    void checksRulesOfflineAndBackTestsThemAgainstTheRunningAppliance(@TempDir Path work) throws Exception {
        Path rules = Files.createDirectories(work.resolve("rules"));
        Path matching = Files.writeString(rules.resolve("lsass_read_public_libraries.yml"), MATCHING);
        Path silent = Files.writeString(rules.resolve("mimikatz_by_name.yml"), SILENT);
        Path malformed = Files.writeString(rules.resolve("sounds_like.yml"), MALFORMED);

        try (JarProcess check = run(work, "check", "rules", "check", rules.toString())) {
            assertThat(check.awaitExit(Duration.ofMinutes(2))).as(check.output()).isEqualTo(1);
            assertThat(check.stdout()).contains("3 rules: 2 active, 0 disabled, 0 unsupported, 1 error",
                    malformed + ":6: ", "sounds_like");
        }

        Path home = work.resolve("home");
        try (JarProcess appliance = JarProcess.start(JarProcess.currentJava(), work.resolve("appliance"), "--home",
                home.toString(), "--http-port", "0", "--es-port", "0", "--kafka-port", "0", "--zk-port", "0",
                "--spark-connect-port", "0", "--samples", "none")) {
            String elasticsearch = appliance.awaitReady(home, Duration.ofMinutes(5)).path("elasticsearch").asText();
            try (JarProcess load = run(work, "load", "samples", "load", SCENARIO, "--home", home.toString())) {
                assertThat(load.awaitExit(Duration.ofMinutes(5))).as(load.output()).isZero();
            }
            long events = SampleCatalog.find(SCENARIO).eventCount();
            assertThat(storedEvents(elasticsearch)).isEqualTo(events);

            try (JarProcess test = run(work, "test-matching", "rules", "test", matching.toString(), "--home",
                    home.toString())) {
                assertThat(test.awaitExit(Duration.ofMinutes(3))).as(test.output()).isZero();
                assertThat(test.stdout()).contains("ACTIVE  LSASS read by a program in the Public Libraries folder ("
                                + matching + ", line 1)", "%,d events scanned, 2 matched".formatted(events))
                        .containsPattern("wks02\\.helk\\.lab\\s+10\\s+werfault\\.exe");
            }

            try (JarProcess test = run(work, "test-silent", "rules", "test", silent.toString(), "--home",
                    home.toString())) {
                assertThat(test.awaitExit(Duration.ofMinutes(3))).as(test.output()).isZero();
                assertThat(test.stdout()).contains("ACTIVE  Mimikatz started under its own name",
                        "%,d events scanned, 0 matched".formatted(events));
            }

            try (JarProcess test = run(work, "test-window", "rules", "test", matching.toString(), "--home",
                    home.toString(), "--from", "2001-01-01T00:00:00Z", "--to", "2001-01-02T00:00:00Z")) {
                assertThat(test.awaitExit(Duration.ofMinutes(3))).as(test.output()).isZero();
                assertThat(test.stdout()).contains("0 events scanned, 0 matched");
            }

            try (JarProcess test = run(work, "test-malformed", "rules", "test", malformed.toString(), "--home",
                    home.toString())) {
                assertThat(test.awaitExit(Duration.ofMinutes(3))).as(test.output()).isEqualTo(1);
                assertThat(test.stdout()).contains("ERROR", malformed + ", line 6", "sounds_like",
                        "0 events scanned, 0 matched");
            }

            assertThat(storedEvents(elasticsearch)).as("a back-test reads events, it never removes any").isEqualTo(events);
            try (JarProcess test = run(work, "test-matching-again", "rules", "test", matching.toString(), "--home",
                    home.toString())) {
                assertThat(test.awaitExit(Duration.ofMinutes(3))).as(test.output()).isZero();
                assertThat(test.stdout()).contains("2 matched");
            }
        }
    }

    private static JarProcess run(Path work, String name, String... args) throws Exception {
        return JarProcess.start(JarProcess.currentJava(), work.resolve(name), args);
    }

    private static long storedEvents(String elasticsearch) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/logs-*/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String body = http.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/logs-*/_count")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return new ObjectMapper().readTree(body).path("count").asLong(-1);
    }
}
