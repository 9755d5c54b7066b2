package io.helklab.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.HelkLab;
import io.helklab.config.Component;
import io.helklab.config.HelkLabConfig;
import io.helklab.disk.DiskSpaceGuard;
import io.helklab.door.DoorContribution;
import io.helklab.door.DoorSettings;
import io.helklab.door.FrontDoor;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.home.HomeInUseException;
import io.helklab.home.HomeLock;
import io.helklab.notebook.NotebookKernels;
import io.helklab.samples.Scenario;
import io.helklab.scenarios.LoadedSamples;
import io.helklab.schema.TopicNames;
import io.helklab.service.PortCheck;
import io.helklab.service.PortInUseException;
import io.helklab.service.Service;
import io.helklab.service.ServiceGroup;
import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStartException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the appliance in the foreground: starts it with progress on the console, prints the ready
 * block, waits for Ctrl-C or SIGTERM, and stops everything before returning exit code 0.
 */
final class ApplianceRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ApplianceRunner.class);

    private final ApplianceOptions options;
    private final Console console;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final String tick;
    private final String cross;
    private volatile HelkLab lab;
    private volatile DoorContribution doorParts;
    private volatile FrontDoor door;

    ApplianceRunner(ApplianceOptions options, Console console) {
        this.options = options;
        this.console = console;
        boolean unicode = Charset.defaultCharset().equals(StandardCharsets.UTF_8);
        this.tick = unicode ? "✓" : "+";
        this.cross = unicode ? "✗" : "x";
    }

    int run() {
        HelkLabConfig config;
        try {
            config = options.toConfig();
            options.httpPort();
            if (options.samples != null && !options.samples.equalsIgnoreCase("none")) {
                SampleLoading.select(options.samples);
            }
        } catch (IllegalArgumentException | NoSuchElementException badValue) {
            console.error("helk-lab: " + badValue.getMessage());
            console.error("Run helk-lab --help for the options.");
            return 2;
        }
        console.line("HELK lab %s — the Hunting ELK in one JVM", VersionInfo.version());
        options.warnings().forEach(warning -> console.error("helk-lab: " + warning));
        console.line("Home %s · log %s", config.home(), config.layout().logFile());
        console.line("");
        long begin = System.nanoTime();
        Signals.onStopRequest(stopRequested::countDown);
        Thread safetyNet = new Thread(this::stop, "helk-lab-shutdown");
        Runtime.getRuntime().addShutdownHook(safetyNet);
        try {
            // A second start on a running home would find every port taken; the home names the real cause.
            HomeLock.requireUnclaimed(config.home());
            PortCheck.requireFree("The front door", config.bindAddress(), options.httpPort(), "--http-port");
            doorParts = new DoorContribution(DoorSettings.loopback().withListener(config.bindAddress(), options.httpPort())
                    .withJupyterCommand(options.jupyterCommand).withKibanaHome(options.kibanaHome)
                    .withJupyterTerminals(options.jupyterTerminals)
                    .withTls(DoorTls.context(options.tls, config, console))
                    .withUserDashboards(config.home().resolve("dashboards")));
            // Assigned before it starts, so a stop request during the start stops what has started.
            lab = HelkLab.create(config).with(NotebookKernels.contribution()).with(doorParts);
            lab.start(progress());
            reportDiskSpace(config);
            door = doorParts.door();
            Duration total = Duration.ofNanos(System.nanoTime() - begin);
            writeReadyFile(config, total);
            printReadyBlock(config, total);
            startInBackground("helk-lab-children", this::startAfterReady);
            List<Scenario> samples = bootSamples(new LoadedSamples(new ElasticsearchHttp(lab.elasticsearchUrl())));
            if (!samples.isEmpty()) {
                startInBackground("helk-lab-samples", () -> loadSamples(samples));
            }
        } catch (HomeInUseException | PortInUseException | ServiceStartException | NoSuchElementException failure) {
            console.error("");
            console.error("helk-lab: " + failure.getMessage());
            stop();
            return 1;
        } catch (RuntimeException failure) {
            LOG.error("HELK lab failed to start", failure);
            console.error("");
            console.error("helk-lab: could not start: " + failure + ". Details are in " + config.layout().logFile() + ".");
            stop();
            return 1;
        }
        awaitStopRequest();
        console.line("");
        console.line("Stopping HELK lab…");
        long stopBegin = System.nanoTime();
        stop();
        console.line("Stopped in %s.", Console.seconds(Duration.ofNanos(System.nanoTime() - stopBegin)));
        try {
            Runtime.getRuntime().removeShutdownHook(safetyNet);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the JVM is exiting anyway
        }
        return 0;
    }

    /** Jupyter and Kibana start after the ready block: the appliance is usable while they boot. */
    private void startAfterReady() {
        if (stopped.get()) {
            return; // stopped right after the ready block
        }
        lab.startAfterReady(new ServiceGroup.StartListener() {
            @Override
            public void started(Service service, Duration took) {
                if (service.name().equals("jupyter")) {
                    reportJupyter(service, took);
                }
            }

            @Override
            public void failed(Service service, Throwable cause) {
                if (service.name().equals("jupyter")) {
                    reportJupyter(service, Duration.ZERO);
                }
            }
        });
    }

    private void reportJupyter(Service jupyter, Duration took) {
        var health = jupyter.health();
        switch (health.status()) {
            case UP -> console.line("  %s %-14s %-24s %s", tick, "jupyter", door.url() + "jupyter/", Console.seconds(took));
            case NOT_INSTALLED -> console.line("  - %-14s not installed: apt-get install jupyter-notebook python3-ipykernel "
                    + "(or pass --jupyter-command)", "jupyter");
            default -> console.line("  %s %-14s %s; see %s", cross, "jupyter", health.status().label(),
                    lab.config().layout().logs().resolve("jupyter.log"));
        }
    }

    /** Which scenarios to load at boot: the flag, or all of them on a fresh home. */
    private List<Scenario> bootSamples(LoadedSamples loaded) {
        String choice = options.samples;
        if (choice == null) {
            try {
                choice = loaded.none() ? "all" : "none";
            } catch (Exception unavailable) {
                LOG.warn("could not read which samples are loaded", unavailable);
                choice = "none";
            }
        }
        return choice.equalsIgnoreCase("none") ? List.of() : SampleLoading.select(choice);
    }

    private void loadSamples(List<Scenario> scenarios) {
        console.line("Loading %d sample scenario%s (helk-lab samples list shows them):", scenarios.size(),
                scenarios.size() == 1 ? "" : "s");
        try {
            SampleLoading.load(scenarios, 0, lab.kafkaBootstrapServers(), lab.elasticsearchUrl(), console);
        } catch (Exception failure) {
            LOG.warn("loading the sample scenarios failed", failure);
            console.line("  %s sample loading failed: %s", cross, failure.getMessage());
        }
    }

    /**
     * A pause of ingest for lack of disk space, and its end, are said on the console as they happen; so is a stop of
     * Kafka when its log directory fails anyway.
     */
    private void reportDiskSpace(HelkLabConfig config) {
        if (!config.has(Component.INDEXER)) {
            return;
        }
        DiskSpaceGuard guard = lab.diskSpace();
        guard.addListener(new DiskSpaceGuard.Listener() {
            @Override
            public void paused(String reason) {
                console.line("  %s %s", cross, reason);
            }

            @Override
            public void resumed(String reason) {
                console.line("  %s %s", tick, reason);
            }
        });
        if (config.has(Component.KAFKA)) {
            lab.kafka().onFailure(reason -> console.line("  %s %s", cross, reason));
        }
        String pausedAtStart = guard.pausedReason();
        if (pausedAtStart != null) {
            console.line("  %s %s", cross, pausedAtStart);
        }
    }

    private static void startInBackground(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private ServiceGroup.StartListener progress() {
        return new ServiceGroup.StartListener() {
            @Override
            public void started(Service service, Duration took) {
                // The door is announced by the URL a browser opens.
                String address = service.name().equals("http") ? doorParts.door().url() : service.health().address();
                console.line("  %s %-14s %-24s %s", tick, service.name(), address == null ? "" : address, Console.seconds(took));
            }

            @Override
            public void failed(Service service, Throwable cause) {
                console.line("  %s %-14s failed: %s", cross, service.name(), cause.getMessage());
            }
        };
    }

    private void awaitStopRequest() {
        try {
            stopRequested.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the whole product in reverse dependency order; safe to call from the shutdown hook and the main thread. */
    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        if (lab != null) {
            try {
                lab.close();
            } catch (RuntimeException failure) {
                LOG.warn("the appliance did not stop cleanly", failure);
            }
            try {
                Files.deleteIfExists(lab.config().layout().run().resolve("ready.json"));
            } catch (IOException ignored) {
                // the home may be gone already
            }
        }
    }

    private void printReadyBlock(HelkLabConfig config, Duration total) {
        Map<String, Duration> took = lab.startDurations();
        console.line("");
        console.line("HELK lab is ready in %s.", Console.seconds(total));
        console.line("  Open            %s", door.url());
        console.line("  Health          %sapi/health", door.url());
        console.line("  Notebooks       %sjupyter/", door.url());
        console.line("  Elasticsearch   %s   %s", lab.elasticsearchUrl(), serviceState("elasticsearch"));
        console.line("  Kafka           %s   topics %s   %s", shipperAddress(), String.join(", ", config.kafka().topics()),
                serviceState("kafka"));
        if (config.has(Component.ZOOKEEPER)) {
            console.line("  ZooKeeper       %s", lab.zookeeperConnect());
        }
        console.line("  Spark           %s, Spark %s", lab.spark().sparkContext().master(), lab.spark().version());
        lab.sparkCluster().ifPresent(master -> {
            Map<String, Object> details = master.health().details();
            console.line("  Spark master    external, %s, %s alive workers, web UI %s", details.get("state"),
                    details.getOrDefault("alive workers", "?"), details.get("web UI"));
        });
        if (config.has(Component.SPARK_CONNECT)) {
            console.line("  Spark Connect   %s", lab.sparkConnect().url());
        }
        if (lab.password().isPresent()) {
            console.line("  Login           user helk, password %s%s", lab.password().get(),
                    config.password() == null ? " (generated; pass --password-file to choose one)" : "");
        }
        console.line("");
        console.line("Send Windows events with Winlogbeat (winlogbeat.yml):");
        console.line("  output.kafka:");
        console.line("    hosts: [\"%s\"]", shipperAddress());
        console.line("    topic: \"%s\"", TopicNames.WINLOGBEAT);
        if (!lab.kafkaExternal() && lab.kafka().requiresAuthentication()) {
            console.line("    username: \"helk\"");
            console.line("    password: \"<the password above>\"");
        }
        console.line("");
        console.line("Press Ctrl-C to stop.");
        LOG.info("ready in {} ms; services {}", total.toMillis(), took);
    }

    /** Where shippers send events: the embedded broker's advertised address, or the attached cluster's brokers. */
    private String shipperAddress() {
        return lab.kafkaExternal() ? lab.kafkaBootstrapServers() : lab.kafka().advertisedAddress();
    }

    /** "(embedded)" or "(external, cluster green, 3 nodes)": where a service runs and how it is. */
    private String serviceState(String name) {
        ServiceHealth health = lab.health().get(name);
        if (health == null) {
            return "";
        }
        Map<String, Object> details = health.details();
        StringBuilder state = new StringBuilder("(").append(details.getOrDefault("mode", "embedded"));
        if (details.containsKey("cluster")) {
            state.append(", cluster ").append(details.get("cluster"));
        }
        if (details.containsKey("nodes")) {
            state.append(", ").append(details.get("nodes")).append(" nodes");
        }
        if (details.containsKey("brokers")) {
            state.append(", ").append(details.get("brokers")).append(" brokers");
        }
        return state.append(')').toString();
    }

    private void writeReadyFile(HelkLabConfig config, Duration total) {
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("pid", ProcessHandle.current().pid());
        ready.put("http", door.url());
        ready.put("elasticsearch", lab.elasticsearchUrl());
        ready.put("kafka", lab.kafkaBootstrapServers());
        ready.put("zookeeper", config.has(Component.ZOOKEEPER) ? lab.zookeeperConnect() : null);
        ready.put("elasticsearch_mode", lab.elasticsearchExternal() ? "external" : "embedded");
        ready.put("kafka_mode", lab.kafkaExternal() ? "external" : "embedded");
        Map<String, Long> millis = new LinkedHashMap<>();
        lab.startDurations().forEach((name, took) -> millis.put(name, took.toMillis()));
        ready.put("startup_ms", millis);
        ready.put("total_ms", total.toMillis());
        Path file = config.layout().run().resolve("ready.json");
        try {
            Path temporary = file.resolveSibling("ready.json.tmp");
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), ready);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException failure) {
            LOG.warn("could not write {}", file, failure);
        }
    }
}
