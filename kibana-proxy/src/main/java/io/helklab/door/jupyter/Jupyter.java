package io.helklab.door.jupyter;

import io.helklab.Passwords;
import io.helklab.home.OwnerOnly;
import io.helklab.door.process.ChildProcessSpec;
import io.helklab.door.process.FreePort;
import io.helklab.door.process.ReadinessProbe;
import io.helklab.door.process.Supervisor;
import io.helklab.service.Service;
import io.helklab.service.ServiceHealth;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jupyter Notebook as a supervised child process, served by the front door at {@value #BASE_PATH}.
 *
 * <p>Jupyter listens on a free loopback port with a token generated for this boot; only the door
 * knows the token and adds it to every request it forwards, so users never see it. {@link #start()}
 * seeds the notebook directory and waits up to a minute for Jupyter's API; if Jupyter is missing
 * or fails, the appliance carries on and health says why. Lifecycle and threading are those of
 * {@link Supervisor}.
 */
public final class Jupyter implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(Jupyter.class);
    /** Where the door serves Jupyter; Jupyter's base_url, kept by the proxy. */
    public static final String BASE_PATH = "/jupyter/";

    private final JupyterSettings settings;
    private final int port;
    private final String token;
    private final Supervisor supervisor;

    private Jupyter(JupyterSettings settings, int port, String token, Supervisor supervisor) {
        this.settings = settings;
        this.port = port;
        this.token = token;
        this.supervisor = supervisor;
    }

    /** A Jupyter for these settings, or one reporting {@code not installed} when the command is missing. */
    public static Jupyter create(JupyterSettings settings) {
        if (!Files.isExecutable(settings.command())) {
            return new Jupyter(settings, 0, null, Supervisor.notInstalled("jupyter",
                    settings.command() + " was not found. " + JupyterSettings.INSTALL_HINT));
        }
        int port = FreePort.pick();
        String token = Passwords.generate(48);
        return new Jupyter(settings, port, token, new Supervisor(spec(settings, port, token)));
    }

    static ChildProcessSpec spec(JupyterSettings settings, int port, String token) {
        List<String> command = new ArrayList<>(List.of(
                settings.command().toString(),
                "--no-browser",
                "--ip=127.0.0.1",
                "--port=" + port,
                "--port-retries=0",
                "--notebook-dir=" + settings.layout().notebooks(),
                "--NotebookApp.base_url=" + BASE_PATH,
                // The supervisor would only start it again.
                "--NotebookApp.quit_button=False",
                "--NotebookApp.terminals_enabled=" + (settings.terminals() ? "True" : "False")));
        if ("root".equals(System.getProperty("user.name"))) {
            // Containers and CI often run as root; Jupyter refuses that unless told.
            command.add("--allow-root");
        }
        if (settings.allowRemoteAccess()) {
            command.add("--NotebookApp.allow_remote_access=True");
        }
        URI api = URI.create("http://127.0.0.1:" + port + BASE_PATH + "api");
        return ChildProcessSpec.of("jupyter", command, settings.layout().notebooks(),
                        settings.layout().logs().resolve("jupyter.log"))
                .withEnvironment(environment(settings, token))
                .withReadiness("127.0.0.1:" + port, ReadinessProbe.http(api, body -> body.contains("\"version\"")),
                        Duration.ofSeconds(60))
                .withStartWait(Duration.ofSeconds(60))
                .withStopGrace(Duration.ofSeconds(5));
    }

    static Map<String, String> environment(JupyterSettings settings, String token) {
        Map<String, String> environment = new LinkedHashMap<>();
        // The token goes through the environment, not the command line, so `ps` does not show it.
        environment.put("JUPYTER_TOKEN", token);
        environment.put("JUPYTER_CONFIG_DIR", settings.configDirectory().toString());
        environment.put("JUPYTER_RUNTIME_DIR", settings.runtimeDirectory().toString());
        environment.put("PYTHONUNBUFFERED", "1");
        environment.put("HELK_ES_URL", settings.elasticsearchUrl());
        if (settings.kafkaBootstrap() != null) {
            environment.put("HELK_KAFKA_BOOTSTRAP", settings.kafkaBootstrap());
        }
        String inherited = System.getenv("JUPYTER_PATH");
        String jupyterPath = Stream.concat(settings.extraJupyterPath().stream().map(Path::toString),
                        inherited == null || inherited.isBlank() ? Stream.empty() : Stream.of(inherited))
                .collect(Collectors.joining(File.pathSeparator));
        if (!jupyterPath.isEmpty()) {
            environment.put("JUPYTER_PATH", jupyterPath);
        }
        environment.putAll(settings.extraEnvironment());
        return environment;
    }

    @Override
    public String name() {
        return "jupyter";
    }

    @Override
    public void start() {
        if (!supervisor.installed()) {
            supervisor.start();
            return;
        }
        try {
            Files.createDirectories(settings.configDirectory());
            // Jupyter writes its token into the runtime directory: only the appliance's user may enter it.
            OwnerOnly.createDirectories(settings.runtimeDirectory());
            NotebookSeeder.fromClasspath(settings.layout().notebooks(), Jupyter.class.getClassLoader()).seed();
        } catch (IOException failure) {
            // Jupyter still works with whatever notebooks the user has.
            LOG.warn("Could not copy the bundled notebooks into {}: {}", settings.layout().notebooks(), failure.toString());
        }
        supervisor.start();
    }

    @Override
    public ServiceHealth health() {
        return supervisor.health();
    }

    /** The supervisor, e.g. to read the pid. */
    public Supervisor supervisor() {
        return supervisor;
    }

    /** Where the door forwards requests: {@code http://127.0.0.1:<port>}; empty when not installed. */
    public Optional<URI> target() {
        return supervisor.installed() ? Optional.of(URI.create("http://127.0.0.1:" + port)) : Optional.empty();
    }

    /** The token the door adds to forwarded requests; empty when not installed. */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    @Override
    public void close() {
        supervisor.close();
    }
}
