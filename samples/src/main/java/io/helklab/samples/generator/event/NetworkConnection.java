package io.helklab.samples.generator.event;

import java.util.Objects;

/**
 * One TCP or UDP flow as Sysmon's network-connect event describes it. Host names are "-" where Sysmon
 * could not resolve the address. Immutable value.
 */
public record NetworkConnection(String protocol, boolean initiated, String sourceIp, String sourceHostname, int sourcePort,
                                String destinationIp, String destinationHostname, int destinationPort) {

    public NetworkConnection {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(sourceHostname, "sourceHostname");
        Objects.requireNonNull(destinationIp, "destinationIp");
        Objects.requireNonNull(destinationHostname, "destinationHostname");
    }

    /** The service name Sysmon prints beside well-known ports, "-" for the rest. */
    public static String portName(int port) {
        return switch (port) {
            case 53 -> "domain";
            case 80 -> "http";
            case 88 -> "kerberos";
            case 135 -> "epmap";
            case 389 -> "ldap";
            case 443 -> "https";
            case 445 -> "microsoft-ds";
            case 1433 -> "ms-sql-s";
            case 3268 -> "msft-gc";
            case 5985 -> "wsman";
            default -> "-";
        };
    }
}
