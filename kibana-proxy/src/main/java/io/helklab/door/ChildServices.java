package io.helklab.door;

import io.helklab.door.jupyter.Jupyter;
import io.helklab.door.jupyter.JupyterSettings;
import io.helklab.door.jupyter.TerminalRefusal;
import io.helklab.door.kibana.Kibana;
import io.helklab.door.kibana.KibanaSettings;
import io.helklab.service.Service;
import io.helklab.service.ServiceHealth;
import io.undertow.server.HttpHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jupyter and Kibana behind the front door: creates both, mounts their proxies, starts and stops
 * them, and adds their health to the appliance's.
 *
 * <p>Lifecycle: {@link #mount} before the door starts, {@link #start()} once (it returns when
 * Jupyter is ready or has failed, without waiting for Kibana), {@link #close()} when the appliance
 * stops, before the appliance's own services so notebooks lose their kernels first. Neither child
 * can make {@code start()} fail: a missing or broken one shows up in health and on the landing page.
 */
public final class ChildServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChildServices.class);

    private final Jupyter jupyter;
    private final Kibana kibana;
    private final boolean terminals;

    /**
     * @param jupyter how to run Jupyter
     * @param kibana  how to run Kibana, or {@code null} when no {@code --kibana-home} was given
     */
    public ChildServices(JupyterSettings jupyter, KibanaSettings kibana) {
        this.jupyter = Jupyter.create(jupyter);
        this.terminals = jupyter.terminals();
        this.kibana = Kibana.create(kibana);
    }

    /** Routes {@code /jupyter/} and {@code /kibana/} on the door to the children. */
    public FrontDoor mount(FrontDoor door) {
        Map<String, String> jupyterHeaders = jupyter.token().map(token -> Map.of("Authorization", "token " + token)).orElse(Map.of());
        HttpHandler jupyterProxy = new ChildProxy("Jupyter Notebook", Jupyter.BASE_PATH, jupyter::health, jupyter.target(),
                jupyterHeaders);
        door.route(Jupyter.BASE_PATH, terminals ? jupyterProxy : new TerminalRefusal(jupyterProxy));
        // An empty value removes the header: Kibana OSS has no use for the door's credentials.
        door.route(KibanaSettings.BASE_PATH + "/", new ChildProxy("Kibana", KibanaSettings.BASE_PATH + "/", kibana::health,
                kibana.target(), Map.of("Authorization", "")));
        return door;
    }

    /** Starts both children; never throws because of them. */
    public void start() {
        // Kibana first: it does not wait for readiness, so it boots while Jupyter is awaited.
        for (Service child : List.of(kibana, jupyter)) {
            try {
                child.start();
            } catch (Exception failure) {
                LOG.warn("{} could not be started: {}", child.name(), failure.toString(), failure);
            }
        }
    }

    /** {@code base} followed by the children's health, for the door's health supplier. */
    public Map<String, ServiceHealth> healthAfter(Map<String, ServiceHealth> base) {
        Map<String, ServiceHealth> all = new LinkedHashMap<>(base);
        all.put(jupyter.name(), jupyter.health());
        all.put(kibana.name(), kibana.health());
        return all;
    }

    public Jupyter jupyter() {
        return jupyter;
    }

    public Kibana kibana() {
        return kibana;
    }

    /** Stops both children and waits until they are gone. */
    @Override
    public void close() {
        jupyter.close();
        kibana.close();
    }
}
