package io.helklab.samples.generator.simulation;

import io.helklab.samples.generator.domain.Host;
import io.helklab.samples.generator.domain.InternetDirectory;
import io.helklab.samples.generator.domain.SimulatedProcess;
import io.helklab.samples.generator.event.NetworkConnection;

import java.time.Instant;

/**
 * What a process's network use looks like to Sysmon on one host: a name lookup (event 22) followed by
 * connections (event 3), outbound or inbound. Not thread-safe; one instance per host simulation.
 */
public final class NetworkActivity {

    private final HostSimulation machine;

    public NetworkActivity(HostSimulation machine) {
        this.machine = machine;
    }

    /** Resolves an internet name (event 22) and returns the address it resolved to. */
    public String resolve(Instant time, SimulatedProcess process, String dnsName) {
        String address = InternetDirectory.addressOf(dnsName);
        machine.sysmon().dnsQuery(time, process, dnsName, "::ffff:" + address + ";");
        return address;
    }

    /** Resolves a lab host name (event 22). */
    public void resolve(Instant time, SimulatedProcess process, Host target) {
        machine.sysmon().dnsQuery(time, process, target.fullyQualifiedName(), "::ffff:" + target.ipAddress() + ";");
    }

    /** Resolves {@code dnsName} and connects to it shortly after; returns the moment of the connection. */
    public Instant lookupAndConnect(Instant time, SimulatedProcess process, String dnsName, int port) {
        String address = resolve(time, process, dnsName);
        Instant connected = time.plusMillis(15 + machine.random().nextInt(120));
        connectOut(connected, process, address, "-", port);
        return connected;
    }

    public void connectOut(Instant time, SimulatedProcess process, String destinationIp, String destinationHostname, int port) {
        Host self = machine.host();
        machine.sysmon().networkConnect(time, process, new NetworkConnection("tcp", true, self.ipAddress(), self.fullyQualifiedName(),
                machine.ephemeralPort(), destinationIp, destinationHostname, port));
    }

    public void connectOut(Instant time, SimulatedProcess process, Host target, int port) {
        connectOut(time, process, target.ipAddress(), target.fullyQualifiedName(), port);
    }

    /** A connection another machine opened to {@code localPort} here, as the listening process sees it. */
    public void acceptFrom(Instant time, SimulatedProcess listener, Host client, int localPort) {
        Host self = machine.host();
        machine.sysmon().networkConnect(time, listener, new NetworkConnection("tcp", false, client.ipAddress(),
                client.fullyQualifiedName(), machine.ephemeralPort(), self.ipAddress(), self.fullyQualifiedName(), localPort));
    }
}
