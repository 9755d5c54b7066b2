package io.helklab.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A snapshot of one service's health.
 *
 * @param status  the service's status
 * @param address the address it actually bound ({@code host:port}), or {@code null} before binding
 * @param details service-specific figures (counts, lag, versions), in insertion order
 */
public record ServiceHealth(ServiceStatus status, String address, Map<String, Object> details) {
    /**
     * The detail that says why a service that is up does not work fully (e.g. a yellow cluster and its cause);
     * the appliance's overall health is then yellow rather than green.
     */
    public static final String DEGRADED = "degraded";

    public ServiceHealth {
        Objects.requireNonNull(status, "status");
        details = Map.copyOf(details == null ? Map.of() : details);
    }

    public static ServiceHealth of(ServiceStatus status, String address) {
        return new ServiceHealth(status, address, Map.of());
    }

    /** Whether the service is up but said why it is not fully well. */
    public boolean degraded() {
        return status == ServiceStatus.UP && details.containsKey(DEGRADED);
    }

    /** The details in a stable order, for rendering. */
    public Map<String, Object> orderedDetails() {
        return new LinkedHashMap<>(new TreeMap<>(details));
    }
}
