package io.helklab.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * Everything an appliance needs to start, composed of one record per service.
 *
 * <p>Immutable and validated on construction; change it with the {@code withX} copies.
 *
 * @param home          the home directory: {@code data/} per service, {@code logs/}, {@code notebooks/}, {@code run/}
 * @param bindAddress   where the listeners meant for other machines listen (the front door and Kafka);
 *                      anything but loopback requires authentication
 * @param components    what to run; requirements are added automatically
 * @param zookeeper     ZooKeeper settings
 * @param kafka         Kafka settings
 * @param elasticsearch Elasticsearch settings
 * @param spark         Spark settings
 * @param password      the password for remote access (Kafka SASL/PLAIN user {@code helk}, the front door);
 *                      {@code null} generates one at boot when the bind address is not loopback
 * @param detection     where Sigma rules and IOC lists come from
 */
public record HelkLabConfig(
        Path home,
        String bindAddress,
        Set<Component> components,
        ZooKeeperConfig zookeeper,
        KafkaConfig kafka,
        ElasticsearchConfig elasticsearch,
        SparkConfig spark,
        String password,
        DetectionConfig detection) {

    public static final String LOOPBACK = "127.0.0.1";

    public HelkLabConfig {
        Objects.requireNonNull(home, "home");
        home = home.toAbsolutePath().normalize();
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (!isIpLiteral(bindAddress)) {
            throw new IllegalArgumentException("the bind address must be an IP address such as 127.0.0.1 or 0.0.0.0, got '"
                    + bindAddress + "'");
        }
        Objects.requireNonNull(kafka, "kafka");
        components = Component.withRequirements(Objects.requireNonNull(components, "components"));
        if (kafka.isExternal()) {
            // ZooKeeper only serves the embedded broker; an attached cluster brings its own coordination.
            components.remove(Component.ZOOKEEPER);
        }
        components = Set.copyOf(components);
        Objects.requireNonNull(zookeeper, "zookeeper");
        Objects.requireNonNull(elasticsearch, "elasticsearch");
        Objects.requireNonNull(spark, "spark");
        if (password != null && password.length() < 8) {
            throw new IllegalArgumentException("the password must have at least 8 characters");
        }
        Objects.requireNonNull(detection, "detection");
    }

    /** Defaults: home {@code ~/.helk-lab}, loopback, every component, the well-known ports. */
    public static HelkLabConfig defaults() {
        return new HelkLabConfig(Path.of(System.getProperty("user.home"), ".helk-lab"), LOOPBACK, Component.all(),
                ZooKeeperConfig.defaults(), KafkaConfig.defaults(), ElasticsearchConfig.defaults(),
                SparkConfig.defaults(), null, DetectionConfig.defaults());
    }

    /** Defaults with every port ephemeral: what tests and the JUnit fixture use. */
    public static HelkLabConfig ephemeral(Path home) {
        return defaults().withHome(home).withEphemeralPorts();
    }

    public HelkLabConfig withHome(Path newHome) {
        return new HelkLabConfig(newHome, bindAddress, components, zookeeper, kafka, elasticsearch, spark, password, detection);
    }

    public HelkLabConfig withBindAddress(String address) {
        return new HelkLabConfig(home, address, components, zookeeper, kafka, elasticsearch, spark, password, detection);
    }

    public HelkLabConfig withComponents(Set<Component> newComponents) {
        return new HelkLabConfig(home, bindAddress, newComponents, zookeeper, kafka, elasticsearch, spark, password, detection);
    }

    public HelkLabConfig withZooKeeper(ZooKeeperConfig config) {
        return new HelkLabConfig(home, bindAddress, components, config, kafka, elasticsearch, spark, password, detection);
    }

    public HelkLabConfig withKafka(KafkaConfig config) {
        return new HelkLabConfig(home, bindAddress, components, zookeeper, config, elasticsearch, spark, password, detection);
    }

    public HelkLabConfig withElasticsearch(ElasticsearchConfig config) {
        return new HelkLabConfig(home, bindAddress, components, zookeeper, kafka, config, spark, password, detection);
    }

    public HelkLabConfig withSpark(SparkConfig config) {
        return new HelkLabConfig(home, bindAddress, components, zookeeper, kafka, elasticsearch, config, password, detection);
    }

    public HelkLabConfig withDetection(DetectionConfig config) {
        return new HelkLabConfig(home, bindAddress, components, zookeeper, kafka, elasticsearch, spark, password, config);
    }

    public HelkLabConfig withPassword(String newPassword) {
        return new HelkLabConfig(home, bindAddress, components, zookeeper, kafka, elasticsearch, spark, newPassword, detection);
    }

    /** Every service port set to 0, so the operating system picks free ones. */
    public HelkLabConfig withEphemeralPorts() {
        return new HelkLabConfig(home, bindAddress, components, zookeeper.withPort(0), kafka.withPort(0),
                elasticsearch.withPort(0), spark.withConnectPort(0), password, detection);
    }

    public boolean has(Component component) {
        return components.contains(component);
    }

    /** True when the bind address can only be reached from this machine. */
    public boolean loopbackOnly() {
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The layout of the home directory. */
    public HomeLayout layout() {
        return new HomeLayout(home);
    }

    private static boolean isIpLiteral(String address) {
        // Only literals: resolving a name here would do a DNS lookup at configuration time.
        if (address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String part : address.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        return address.contains(":") && address.matches("[0-9A-Fa-f:.]+");
    }
}
