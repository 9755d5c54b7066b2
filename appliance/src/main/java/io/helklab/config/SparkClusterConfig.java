package io.helklab.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An existing Spark standalone cluster that runs the appliance's queries in place of local mode. The driver stays
 * in the appliance's JVM; the cluster's executors connect back to it at {@code driverHost}.
 *
 * @param master     the master URL, {@code spark://HOST:PORT}, or several masters of a high-availability setup,
 *                   {@code spark://HOST1:PORT1,HOST2:PORT2}
 * @param webUi      the master's web UI, whose {@code /json/} reports its state and workers
 *                   (default {@code http://<first master host>:8080})
 * @param driverHost the address of this machine that the cluster's executors connect back to; loopback (the
 *                   default) works only when the workers run on this machine
 */
public record SparkClusterConfig(String master, URI webUi, String driverHost) {
    public static final String FLAG = "--spark-master";
    public static final int DEFAULT_WEB_UI_PORT = 8080;
    private static final String SCHEME = "spark://";

    public SparkClusterConfig {
        Objects.requireNonNull(master, "master");
        masterEndpoints(master);
        if (webUi == null) {
            webUi = URI.create("http://" + masterEndpoints(master).get(0).host() + ":" + DEFAULT_WEB_UI_PORT);
        } else if (!("http".equals(webUi.getScheme()) || "https".equals(webUi.getScheme())) || webUi.getHost() == null) {
            throw new IllegalArgumentException("--spark-master-ui takes the master's web UI as http://HOST:PORT, got '"
                    + webUi + "'");
        }
        Objects.requireNonNull(driverHost, "driverHost");
        if (!driverHost.matches("[A-Za-z0-9.:_-]+")) {
            throw new IllegalArgumentException("--spark-driver-host takes a host name or address of this machine, got '"
                    + driverHost + "'");
        }
    }

    /** A cluster at {@code master} with its web UI on the default port and the driver on loopback. */
    public static SparkClusterConfig of(String master) {
        return new SparkClusterConfig(master, null, HelkLabConfig.LOOPBACK);
    }

    public SparkClusterConfig withWebUi(URI newWebUi) {
        return new SparkClusterConfig(master, newWebUi, driverHost);
    }

    public SparkClusterConfig withDriverHost(String newDriverHost) {
        return new SparkClusterConfig(master, webUi, newDriverHost);
    }

    /** The host and port of every master the URL names. */
    public List<Endpoint> endpoints() {
        return masterEndpoints(master);
    }

    /** One master's RPC address. */
    public record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    private static List<Endpoint> masterEndpoints(String master) {
        String lower = master.toLowerCase(Locale.ROOT);
        if (!lower.startsWith(SCHEME)) {
            throw new IllegalArgumentException(FLAG + " takes a Spark standalone master, spark://HOST:PORT, got '" + master
                    + "'" + unsupportedHint(lower));
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (String part : master.substring(SCHEME.length()).split(",", -1)) {
            endpoints.add(endpoint(part, master));
        }
        return List.copyOf(endpoints);
    }

    private static Endpoint endpoint(String hostAndPort, String master) {
        try {
            URI parsed = new URI("spark://" + hostAndPort);
            if (parsed.getHost() == null || parsed.getPort() < 1 || parsed.getPath() != null && !parsed.getPath().isEmpty()) {
                throw new URISyntaxException(hostAndPort, "not HOST:PORT");
            }
            return new Endpoint(parsed.getHost(), parsed.getPort());
        } catch (URISyntaxException malformed) {
            throw new IllegalArgumentException(FLAG + " takes spark://HOST:PORT (the master's port, usually 7077), got '"
                    + master + "': '" + hostAndPort + "' is not HOST:PORT", malformed);
        }
    }

    private static String unsupportedHint(String lower) {
        if (lower.startsWith("k8s://") || lower.equals("yarn") || lower.startsWith("mesos://")) {
            return "; only Spark standalone clusters are supported (the README's Scaling out section says what "
                    + "Kubernetes and YARN would need)";
        }
        if (lower.startsWith("local")) {
            return "; local mode is the default, leave " + FLAG + " out for it";
        }
        return "";
    }
}
