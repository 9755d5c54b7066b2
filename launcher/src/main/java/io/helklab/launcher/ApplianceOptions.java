package io.helklab.launcher;

import io.helklab.config.DetectionConfig;
import io.helklab.config.ElasticsearchConfig;
import io.helklab.config.HelkLabConfig;
import io.helklab.config.KafkaConfig;
import io.helklab.config.SparkClusterConfig;
import io.helklab.config.SparkConfig;
import io.helklab.config.ZooKeeperConfig;
import io.helklab.Passwords;
import io.helklab.detection.RuleLevel;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags that configure a running appliance, and their one mapping into {@link HelkLabConfig}.
 * Picocli validates types and ranges; the configuration records validate the rest.
 */
public final class ApplianceOptions {
    public static final int DEFAULT_HTTP_PORT = 8080;

    @Option(names = "--home", paramLabel = "DIR", description = "Home directory: data, logs, notebooks (default: ~/.helk-lab).")
    String home;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = HelkLabConfig.LOOPBACK,
            description = "Address for the front door and Kafka; anything but loopback requires a password (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "" + DEFAULT_HTTP_PORT,
            description = "Front door port: landing page, hunt UI, Jupyter, Kibana, /api (default: ${DEFAULT-VALUE}; 0 = free port).")
    int httpPort;

    @Option(names = "--es-port", paramLabel = "PORT", defaultValue = "" + ElasticsearchConfig.DEFAULT_PORT,
            description = "Elasticsearch HTTP port, loopback only (default: ${DEFAULT-VALUE}; 0 = free port).")
    int elasticsearchPort;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "" + KafkaConfig.DEFAULT_PORT,
            description = "Kafka port for shippers such as Winlogbeat (default: ${DEFAULT-VALUE}; 0 = free port).")
    int kafkaPort;

    @Option(names = "--zk-port", paramLabel = "PORT", defaultValue = "" + ZooKeeperConfig.DEFAULT_PORT,
            description = "ZooKeeper port, loopback only (default: ${DEFAULT-VALUE}; 0 = free port).")
    int zookeeperPort;

    @Option(names = "--kafka-advertised-host", paramLabel = "HOST",
            description = "Host name or address shippers on other machines use to reach Kafka (default: the bind address).")
    String kafkaAdvertisedHost;

    @Option(names = "--spark-connect-port", paramLabel = "PORT", defaultValue = "" + SparkConfig.DEFAULT_CONNECT_PORT,
            description = "Spark Connect port, loopback only (default: ${DEFAULT-VALUE}; 0 = free port).")
    int sparkConnectPort;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File whose first line is the password for remote access (user 'helk'); or set " + Passwords.ENVIRONMENT_VARIABLE
                    + ". Generated and printed when --bind is not loopback and none is given.")
    Path passwordFile;

    @Option(names = "--password", paramLabel = "SECRET",
            description = "Deprecated: every user of this machine sees it in ps. Use --password-file or " + Passwords.ENVIRONMENT_VARIABLE + ".")
    String password;

    @Option(names = "--jupyter-terminals",
            description = "Let Jupyter offer terminals, a shell as this user for everyone who can log in (default: off).")
    boolean jupyterTerminals;

    @Option(names = "--tls",
            description = "Serve the front door over HTTPS, with a self-signed certificate generated into <home>/tls on first use.")
    boolean tls;

    @Option(names = "--samples", paramLabel = "NAME|all|none",
            description = "Sample scenarios to load at boot (default: all on a fresh home, none afterwards).")
    String samples;

    @Option(names = "--jupyter-command", paramLabel = "PATH",
            description = "Classic Jupyter Notebook 6 executable (default: /usr/bin/jupyter-notebook, else the PATH).")
    Path jupyterCommand;

    @Option(names = "--kibana-home", paramLabel = "DIR",
            description = "An unpacked Kibana OSS 7.10.2 to run and serve at /kibana/ (optional).")
    Path kibanaHome;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Sigma rule directory or file, repeatable (a SigmaHQ checkout works as it is: --rules ~/sigma/rules/windows). "
                    + "<home>/rules and the built-in pack are always read; changes are picked up within seconds.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--rules-min-level", paramLabel = "LEVEL",
            description = "Load rules below this level disabled: informational, low, medium, high or critical (default: every level).")
    String rulesMinimumLevel;

    @Option(names = "--no-builtin-rules", description = "Do not load HELK lab's built-in rule pack.")
    boolean noBuiltInRules;

    @Option(names = "--ioc", paramLabel = "FILE",
            description = "IOC list, repeatable: MD5/SHA1/SHA256/imphash, IPv4/IPv6/CIDR, domains, one per line or CSV; a hit raises an alert ioc:<file name>.")
    List<Path> iocFiles = new ArrayList<>();

    /** Existing clusters to attach to instead of embedded services. */
    @Mixin
    ClusterOptions clusters = new ClusterOptions();

    // An existing Spark standalone cluster in place of local mode.

    @Option(names = SparkClusterConfig.FLAG, paramLabel = "spark://HOST:PORT",
            description = "Run Spark's executors on this standalone cluster instead of inside HELK lab; HELK lab's jar is "
                    + "shipped to them (default: local mode).")
    String sparkMaster;

    @Option(names = "--spark-master-ui", paramLabel = "URL",
            description = "The Spark master's web UI, read for its state and workers (default: http://<master host>:8080).")
    URI sparkMasterUi;

    @Option(names = "--spark-driver-host", paramLabel = "HOST",
            description = "Address of this machine the cluster's executors connect back to (default: 127.0.0.1, "
                    + "workers on this machine only).")
    String sparkDriverHost;

    /** Spark's settings: local mode, or the cluster {@code --spark-master} names. */
    SparkConfig spark() {
        SparkConfig local = SparkConfig.defaults().withConnectPort(sparkConnectPort);
        if (sparkMaster == null) {
            if (sparkMasterUi != null || sparkDriverHost != null) {
                throw new IllegalArgumentException("--spark-master-ui and --spark-driver-host need --spark-master");
            }
            return local;
        }
        SparkClusterConfig cluster = SparkClusterConfig.of(sparkMaster).withWebUi(sparkMasterUi);
        return local.withCluster(sparkDriverHost == null ? cluster : cluster.withDriverHost(sparkDriverHost));
    }

    /** The home directory these flags select. */
    public Path homeDirectory() {
        return home == null ? HomeArgument.defaultHome() : HomeArgument.expand(home);
    }

    /** The appliance configuration these flags describe. */
    public HelkLabConfig toConfig() {
        HelkLabConfig config = HelkLabConfig.defaults()
                .withHome(homeDirectory())
                .withBindAddress(bind)
                .withZooKeeper(new ZooKeeperConfig(zookeeperPort))
                .withKafka(KafkaConfig.defaults().withPort(kafkaPort).withAdvertisedHost(kafkaAdvertisedHost))
                .withElasticsearch(ElasticsearchConfig.defaults().withPort(elasticsearchPort))
                .withSpark(spark())
                .withPassword(password(System.getenv()))
                .withDetection(detection());
        return clusters.applyTo(config, System.getenv());
    }

    /** Where rules and IOC lists come from. */
    DetectionConfig detection() {
        RuleLevel minimum = null;
        if (rulesMinimumLevel != null) {
            minimum = RuleLevel.parse(rulesMinimumLevel);
            if (minimum == null) {
                throw new IllegalArgumentException("--rules-min-level must be one of informational, low, medium, high, "
                        + "critical, not '" + rulesMinimumLevel + "'");
            }
        }
        return DetectionConfig.defaults().withRuleDirectories(rules).withIocFiles(iocFiles)
                .withBuiltInRules(!noBuiltInRules).withMinimumLevel(minimum);
    }

    /**
     * The appliance password: from {@code --password-file}, {@code --password} or the environment variable
     * {@value Passwords#ENVIRONMENT_VARIABLE}, in that order; {@code null} when none is given.
     */
    String password(Map<String, String> environment) {
        if (passwordFile != null && password != null) {
            throw new IllegalArgumentException("pass either --password-file or --password, not both");
        }
        if (passwordFile != null) {
            return PasswordFile.read(passwordFile);
        }
        if (password != null) {
            return password;
        }
        String fromEnvironment = environment.get(Passwords.ENVIRONMENT_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isEmpty() ? null : fromEnvironment;
    }

    /** What the user should change about these flags, for the console. */
    public List<String> warnings() {
        return password == null ? List.of() : List.of("--password is visible to every user of this machine (ps, /proc); "
                + "use --password-file FILE or the " + Passwords.ENVIRONMENT_VARIABLE + " environment variable instead.");
    }

    /** The front door's port. */
    public int httpPort() {
        if (httpPort < 0 || httpPort > 65_535) {
            throw new IllegalArgumentException("--http-port must be between 0 and 65535, got " + httpPort);
        }
        return httpPort;
    }
}
