package io.helklab.door;

import io.helklab.door.jupyter.Jupyter;
import io.helklab.door.jupyter.JupyterSettings;
import io.helklab.door.jupyter.TerminalRefusal;
import io.helklab.door.kibana.Kibana;
import io.helklab.door.kibana.KibanaSettings;
import io.undertow.server.HttpHandler;
import java.util.Map;

/**
 * Jupyter and Kibana behind the front door: creates both and mounts their proxies on a door.
 *
 * <p>Starting, stopping and health belong to the appliance's service group, where {@link DoorContribution} adds
 * both as services after the ready block: neither can make the appliance's start fail, and a missing or broken
 * one shows up in health and on the landing page.
 */
public final class ChildServices {
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

    public Jupyter jupyter() {
        return jupyter;
    }

    public Kibana kibana() {
        return kibana;
    }
}
