package io.helklab;

import io.helklab.config.HelkLabConfig;
import io.helklab.service.Service;
import io.helklab.service.ServiceGroup;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The product while it is put together: what each {@link Contribution} adds its services to. Every service goes
 * into one {@link ServiceGroup}, so start order, stop order (the reverse), health and the unwinding of a failed
 * start all follow from the dependencies declared here. Used only during {@link HelkLab#start}; not thread-safe.
 */
public final class Assembly {
    private final HelkLab lab;
    private final ServiceGroup.Builder group;
    private final Map<String, Service> services = new LinkedHashMap<>();

    Assembly(HelkLab lab, ServiceGroup.Builder group) {
        this.lab = lab;
        this.group = group;
    }

    /** The product being assembled; its accessors answer in a service's start once what they name is up. */
    public HelkLab lab() {
        return lab;
    }

    public HelkLabConfig config() {
        return lab.config();
    }

    /** A service added before, by {@linkplain Service#name() name}, to depend on. */
    public Optional<Service> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    /** A service added before, by name, as the type its contribution made it. */
    public <T extends Service> Optional<T> service(String name, Class<T> type) {
        return service(name).filter(type::isInstance).map(type::cast);
    }

    /** The services of these names that are part of this product; those switched off are left out. */
    public Service[] present(String... names) {
        return Arrays.stream(names).map(services::get).filter(Objects::nonNull).toArray(Service[]::new);
    }

    /** A service the product cannot run without: its failure fails the start, which unwinds everything. */
    public Assembly add(Service service, Service... dependsOn) {
        group.add(service, dependsOn);
        services.put(service.name(), service);
        return this;
    }

    /** A service started after the ready block, whose failure only leaves it down (Jupyter, Kibana). */
    public Assembly addAfterReady(Service service, Service... dependsOn) {
        group.addAfterReady(service, dependsOn);
        services.put(service.name(), service);
        return this;
    }
}
