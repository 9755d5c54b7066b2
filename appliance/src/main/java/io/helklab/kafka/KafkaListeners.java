package io.helklab.kafka;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker's listener layout.
 *
 * <p>On loopback there is one plaintext listener. On any other address, shippers on other machines
 * connect to an {@code EXTERNAL} listener that requires SASL/PLAIN (user {@code helk}), while the
 * appliance's own clients and the broker itself use an {@code INTERNAL} plaintext listener on
 * loopback with a free port. Port 0 in an advertised listener is replaced by the bound port by
 * the broker.
 */
record KafkaListeners(boolean external, String bindAddress, int port, String advertisedHost, String password) {

    static final String INTERNAL = "INTERNAL";
    static final String EXTERNAL = "EXTERNAL";
    static final String LOOPBACK = "127.0.0.1";
    static final String USER = "helk";

    /** Broker properties for these listeners. */
    Map<String, String> brokerProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (!external) {
            properties.put("listeners", INTERNAL + "://" + LOOPBACK + ":" + port);
            properties.put("advertised.listeners", INTERNAL + "://" + advertised(LOOPBACK) + ":" + port);
            properties.put("listener.security.protocol.map", INTERNAL + ":PLAINTEXT");
        } else {
            properties.put("listeners", INTERNAL + "://" + LOOPBACK + ":0," + EXTERNAL + "://" + bindAddress + ":" + port);
            properties.put("advertised.listeners", INTERNAL + "://" + LOOPBACK + ":0," + EXTERNAL + "://"
                    + advertised(externalHost()) + ":" + port);
            properties.put("listener.security.protocol.map", INTERNAL + ":PLAINTEXT," + EXTERNAL + ":SASL_PLAINTEXT");
            properties.put("sasl.enabled.mechanisms", "PLAIN");
            properties.put("listener.name.external.sasl.enabled.mechanisms", "PLAIN");
            properties.put("listener.name.external.plain.sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + USER
                            + "\" password=\"" + escape(password) + "\" user_" + USER + "=\"" + escape(password) + "\";");
        }
        properties.put("inter.broker.listener.name", INTERNAL);
        return properties;
    }

    private String advertised(String fallback) {
        return advertisedHost != null ? advertisedHost : fallback;
    }

    /** The address to advertise when bound to a wildcard: the first non-loopback interface address. */
    private String externalHost() {
        if (!bindAddress.equals("0.0.0.0") && !bindAddress.equals("::")) {
            return bindAddress;
        }
        try {
            for (NetworkInterface networkInterface : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!networkInterface.isUp() || networkInterface.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(networkInterface.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (SocketException unreadable) {
            // fall through to the explicit error below
        }
        throw new IllegalStateException("Kafka is bound to " + bindAddress + " but no network address to advertise "
                + "was found. Pass --kafka-advertised-host <this machine's address as shippers see it>.");
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
