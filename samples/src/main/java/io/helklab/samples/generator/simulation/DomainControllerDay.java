package io.helklab.samples.generator.simulation;

import io.helklab.samples.generator.domain.Account;
import io.helklab.samples.generator.domain.Host;
import io.helklab.samples.generator.domain.LabDomain;
import io.helklab.samples.generator.domain.LogonSession;
import io.helklab.samples.generator.domain.SimulatedProcess;

import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * The domain controller's day: a steady stream of Kerberos network logons from every machine and user
 * of the domain (whether or not their own logs are in the dataset), the LDAP and Kerberos connections
 * behind them, and the DNS server forwarding look-ups. Immutable; each call simulates one window.
 */
public final class DomainControllerDay implements HostBehaviour {

    private static final String DNS_FORWARDER = "198.51.100.53";

    @Override
    public void simulate(HostSimulation machine, TimeWindow window) {
        Random random = machine.random();
        LabDomain domain = machine.domain();
        List<Host> clients = domain.hosts().stream().filter(host -> !host.equals(machine.host())).toList();
        SimulatedProcess lsass = machine.service("lsass");
        for (Instant time = BackgroundServices.step(window.start(), random, 10, 60); time.isBefore(window.end());
             time = BackgroundServices.step(time, random, 10, 60)) {
            Host client = clients.get(random.nextInt(clients.size()));
            boolean machineLogon = !client.isWorkstation() || random.nextInt(3) == 0;
            Account account = machineLogon ? domain.machineAccount(client) : domain.primaryUser(client);
            LogonSession session = machine.newSession(account, time, 3, 0, "Medium");
            machine.security().logon(time, session, true, "-", client.ipAddress(), 49_152 + random.nextInt(16_000), "-", 0, false);
            if (machineLogon) {
                machine.security().specialLogon(time, session);
            }
            machine.security().logoff(time.plusMillis(300 + random.nextInt(4000)), session);
            if (random.nextInt(3) == 0) {
                machine.network().acceptFrom(time.minusMillis(5), lsass, client, random.nextBoolean() ? 88 : 389);
            }
        }
        SimulatedProcess dns = machine.service("dns");
        for (Instant time = BackgroundServices.step(window.start(), random, 60, 300); time.isBefore(window.end());
             time = BackgroundServices.step(time, random, 60, 300)) {
            machine.network().connectOut(time, dns, DNS_FORWARDER, "-", 53);
        }
    }
}
