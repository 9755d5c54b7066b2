package io.helklab.samples.generator.domain;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The simulated Active Directory domain {@code helk.lab}: one domain controller, one member server,
 * four workstations, five employees, one IT administrator account and two service accounts.
 * Everything here is invented for the lab; the IP addresses are private (10.0.10.0/24).
 * Immutable; {@link #standard()} always returns an equal domain.
 */
public final class LabDomain {

    public static final String NETBIOS_NAME = "HELK";
    public static final String DNS_NAME = "helk.lab";
    public static final String DOMAIN_SID = "S-1-5-21-3166302735-2479342567-2883463841";

    private final List<Host> hosts;
    private final List<Account> users;
    private final Map<String, Account> primaryUserByHost;

    private LabDomain() {
        Host domainController = new Host("DC01", DNS_NAME, "10.0.10.10", HostRole.DOMAIN_CONTROLLER, "3F2A9C41");
        Host server = new Host("SRV01", DNS_NAME, "10.0.10.20", HostRole.SERVER, "7B14E0D2");
        Host workstation1 = new Host("WKS01", DNS_NAME, "10.0.10.101", HostRole.WORKSTATION, "A81C5E37");
        Host workstation2 = new Host("WKS02", DNS_NAME, "10.0.10.102", HostRole.WORKSTATION, "C4D0719B");
        Host workstation3 = new Host("WKS03", DNS_NAME, "10.0.10.103", HostRole.WORKSTATION, "5E93B2F8");
        Host workstation4 = new Host("WKS04", DNS_NAME, "10.0.10.104", HostRole.WORKSTATION, "9A6F3D05");
        hosts = List.of(domainController, server, workstation1, workstation2, workstation3, workstation4);
        Account amartin = domainUser("amartin", 1104);
        Account bchen = domainUser("bchen", 1105);
        Account cdiaz = domainUser("cdiaz", 1106);
        Account dokafor = domainUser("dokafor", 1107);
        Account eweber = domainUser("eweber", 1108);
        users = List.of(amartin, bchen, cdiaz, dokafor, eweber, domainUser("adm-eweber", 1109),
                domainUser("svc_backup", 1110), domainUser("svc_sql", 1111));
        primaryUserByHost = Map.of("WKS01", amartin, "WKS02", bchen, "WKS03", cdiaz, "WKS04", dokafor, "SRV01", eweber);
    }

    private static final LabDomain STANDARD = new LabDomain();

    public static LabDomain standard() {
        return STANDARD;
    }

    private static Account domainUser(String name, int relativeId) {
        return new Account(NETBIOS_NAME, name, DOMAIN_SID + "-" + relativeId);
    }

    public List<Host> hosts() {
        return hosts;
    }

    public List<Account> users() {
        return users;
    }

    public Host host(String name) {
        return hosts.stream().filter(host -> host.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No host '" + name + "' in the lab domain; hosts are " + hosts));
    }

    public Account user(String name) {
        return users.stream().filter(user -> user.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No user '" + name + "' in the lab domain; users are "
                        + users.stream().map(Account::name).toList()));
    }

    public Host domainController() {
        return host("DC01");
    }

    /** The employee who works at this workstation every day (the server's is the IT administrator). */
    public Account primaryUser(Host host) {
        Account user = primaryUserByHost.get(host.name());
        if (user == null) {
            throw new NoSuchElementException("Host " + host.name() + " has no primary user");
        }
        return user;
    }

    /** The machine account of a host, with a relative id derived from its position in the domain. */
    public Account machineAccount(Host host) {
        return host.machineAccount(NETBIOS_NAME, DOMAIN_SID, 1000 + hosts.indexOf(host));
    }
}
