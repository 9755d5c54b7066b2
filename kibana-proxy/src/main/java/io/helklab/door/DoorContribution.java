package io.helklab.door;

import io.helklab.Assembly;
import io.helklab.Contribution;
import io.helklab.HelkLab;
import io.helklab.config.Component;
import io.helklab.config.HelkLabConfig;
import io.helklab.config.HomeLayout;
import io.helklab.detection.live.DetectionService;
import io.helklab.door.hunt.HuntRoutes;
import io.helklab.door.hunt.QueryLimits;
import io.helklab.door.hunt.RulesRoutes;
import io.helklab.door.jupyter.JupyterSettings;
import io.helklab.door.kibana.KibanaSettings;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.notebook.NotebookKernels;
import io.helklab.scenarios.LoadedSamples;
import io.helklab.schema.TopicNames;
import io.helklab.service.Service;
import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The front door's part of the product: the door itself (service {@code http}, in the ready block, after
 * Elasticsearch, Kafka, the detection service and the notebook kernel when they are there; the rules API is
 * mounted when detection runs) and, after the ready block, Jupyter and Kibana
 * behind it. The door is built when it starts, since its routes need the addresses the services below it bound.
 *
 * <p>Add it after {@link NotebookKernels#contribution()} so Jupyter gets the in-JVM kernel. {@link #door()} and
 * {@link #children()} answer once the door started. Thread-safe.
 */
public final class DoorContribution implements Contribution {
    private final DoorSettings settings;
    private volatile FrontDoor door;
    private volatile ChildServices children;

    public DoorContribution(DoorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void contribute(Assembly assembly) {
        Optional<NotebookKernels> kernel = assembly.service(NotebookKernels.NAME, NotebookKernels.class);
        Optional<DetectionService> detection = assembly.service(DetectionService.NAME, DetectionService.class);
        Service http = new DoorService(assembly.lab(), kernel, detection);
        assembly.add(http, assembly.present("elasticsearch", "kafka", NotebookKernels.NAME, DetectionService.NAME));
        if (settings.childServices()) {
            assembly.addAfterReady(new ChildService("jupyter", ChildServices::jupyter), http);
            assembly.addAfterReady(new ChildService("kibana", ChildServices::kibana), http);
        }
    }

    /** The started door. */
    public FrontDoor door() {
        FrontDoor current = door;
        if (current == null) {
            throw new IllegalStateException("the front door is not started");
        }
        return current;
    }

    /** Jupyter and Kibana, to mount on another door; once the door started with child services. */
    public ChildServices children() {
        ChildServices current = children;
        if (current == null) {
            throw new IllegalStateException("the front door runs no Jupyter or Kibana, or is not started");
        }
        return current;
    }

    /** The door: its routes are set up from the running services, then it binds. */
    private final class DoorService implements Service {
        private final HelkLab lab;
        private final Optional<NotebookKernels> kernel;
        private final Optional<DetectionService> detection;

        DoorService(HelkLab lab, Optional<NotebookKernels> kernel, Optional<DetectionService> detection) {
            this.lab = lab;
            this.kernel = kernel;
            this.detection = detection;
        }

        @Override
        public String name() {
            return "http";
        }

        @Override
        public void start() {
            HelkLabConfig config = lab.config();
            String elasticsearchUrl = lab.elasticsearchUrl();
            FrontDoor built = new FrontDoor(settings.bindAddress(), settings.port(), lab::health)
                    .withOptionalServices(lab::optionalServices).withPassword(lab.password().orElse(null));
            if (settings.tls() != null) {
                built.withTls(settings.tls());
            }
            if (settings.childServices()) {
                ChildServices created = new ChildServices(jupyterSettings(config, elasticsearchUrl), kibanaSettings(config,
                        elasticsearchUrl));
                created.mount(built);
                children = created;
            }
            if (config.has(Component.KAFKA)) {
                // The landing page asks on every view: a slow Elasticsearch must not hold a door worker for long.
                LoadedSamples loaded = new LoadedSamples(new ElasticsearchHttp(elasticsearchUrl, QueryLimits.REQUEST_TIMEOUT));
                // Shippers of an attached cluster authenticate as that cluster says, not as the embedded broker's user.
                built.withLanding(lab.kafkaExternal()
                        ? new LandingInfo(lab.kafkaBootstrapServers(), TopicNames.WINLOGBEAT, false,
                                () -> loadedScenarioNames(loaded))
                        : new LandingInfo(lab.kafka().advertisedAddress(), TopicNames.WINLOGBEAT,
                                lab.kafka().requiresAuthentication(), () -> loadedScenarioNames(loaded)));
            }
            if (settings.huntUi()) {
                HuntRoutes.create(elasticsearchUrl, settings.userDashboards()).install(built, "/");
            }
            detection.ifPresent(rules -> RulesRoutes.install(built, rules, elasticsearchUrl));
            built.start();
            door = built;
        }

        private JupyterSettings jupyterSettings(HelkLabConfig config, String elasticsearchUrl) {
            HomeLayout layout = config.layout();
            JupyterSettings jupyter = JupyterSettings.defaults(layout, elasticsearchUrl,
                            config.has(Component.KAFKA) ? lab.kafkaBootstrapServers() : null)
                    .withCommand(settings.jupyterCommand())
                    .withRemoteAccess(!config.loopbackOnly())
                    .withTerminals(settings.jupyterTerminals());
            if (kernel.isPresent()) {
                jupyter = jupyter.withExtraJupyterPath(List.of(NotebookKernels.jupyterPath(layout)))
                        .withExtraEnvironment(kernel.get().environmentVariables());
            }
            return jupyter;
        }

        private KibanaSettings kibanaSettings(HelkLabConfig config, String elasticsearchUrl) {
            return settings.kibanaHome() == null ? null
                    : new KibanaSettings(settings.kibanaHome(), config.layout(), elasticsearchUrl);
        }

        @Override
        public ServiceHealth health() {
            FrontDoor current = door;
            return current == null ? ServiceHealth.of(ServiceStatus.STARTING, null) : current.health();
        }

        @Override
        public void close() {
            FrontDoor current = door;
            if (current != null) {
                current.close();
            }
        }
    }

    private static List<String> loadedScenarioNames(LoadedSamples loaded) {
        try {
            return loaded.all().stream().map(LoadedSamples.Entry::scenario).distinct().toList();
        } catch (Exception unavailable) {
            return List.of();
        }
    }

    /** Jupyter or Kibana, created with the door and started after the ready block. */
    private final class ChildService implements Service {
        private final String name;
        private final Function<ChildServices, Service> child;

        ChildService(String name, Function<ChildServices, Service> child) {
            this.name = name;
            this.child = child;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start() throws Exception {
            child.apply(children()).start();
        }

        @Override
        public ServiceHealth health() {
            ChildServices current = children;
            return current == null ? ServiceHealth.of(ServiceStatus.STARTING, null) : child.apply(current).health();
        }

        @Override
        public void close() throws Exception {
            ChildServices current = children;
            if (current != null) {
                child.apply(current).close();
            }
        }
    }
}
