package io.helklab.door;

import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The appliance's health as {@code /api/health} reports it.
 *
 * <p>Overall status: {@code red} when a core service is down, {@code yellow} while anything is
 * starting, an optional service is down or a service is {@linkplain ServiceHealth#degraded()
 * degraded} (its details say why), otherwise {@code green}. Which services are optional is the service
 * group's knowledge (those started after the ready block, such as Jupyter and Kibana). An optional
 * service that is not installed does not make the appliance unhealthy: that is a choice, not a fault.
 */
public record HealthReport(String status, Map<String, ServiceHealth> services) {

    /**
     * @param services every service's health, by name
     * @param optional the names of the services whose failure only degrades the appliance
     */
    public static HealthReport of(Map<String, ServiceHealth> services, Set<String> optional) {
        String overall = "green";
        for (Map.Entry<String, ServiceHealth> entry : services.entrySet()) {
            ServiceStatus status = entry.getValue().status();
            boolean isOptional = optional.contains(entry.getKey());
            if (status == ServiceStatus.DOWN && !isOptional) {
                overall = "red";
                break;
            }
            if (status == ServiceStatus.STARTING || status == ServiceStatus.DOWN || entry.getValue().degraded()) {
                overall = "yellow";
            }
        }
        return new HealthReport(overall, Map.copyOf(services));
    }

    /** The JSON shape: {@code {"status": ..., "services": {"name": {"status", "address", ...details}}}}. */
    public Map<String, Object> toJson(Iterable<String> order) {
        Map<String, Object> serviceMap = new LinkedHashMap<>();
        for (String name : order) {
            ServiceHealth health = services.get(name);
            if (health == null) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", health.status().label());
            entry.put("address", health.address());
            entry.putAll(health.orderedDetails());
            serviceMap.put(name, entry);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status);
        json.put("services", serviceMap);
        return json;
    }
}
