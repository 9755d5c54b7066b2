package io.helklab.samples.generator.domain;

import java.util.Locale;
import java.util.Objects;

/**
 * One simulated Windows machine. {@code sysmonMachinePrefix} is the first block of every Sysmon GUID
 * minted on this machine (real Sysmon derives it from the machine, so it is constant per host).
 * Immutable value.
 */
public record Host(String name, String dnsDomain, String ipAddress, HostRole role, String sysmonMachinePrefix) {

    public Host {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dnsDomain, "dnsDomain");
        Objects.requireNonNull(ipAddress, "ipAddress");
        Objects.requireNonNull(role, "role");
        if (!sysmonMachinePrefix.matches("[0-9A-F]{8}")) {
            throw new IllegalArgumentException("Host " + name + ": the Sysmon machine prefix must be 8 upper-case hex digits, got '"
                    + sysmonMachinePrefix + "'");
        }
    }

    /** {@code WKS01.helk.lab}, as the event logs' {@code Computer} field spells it. */
    public String fullyQualifiedName() {
        return name + "." + dnsDomain;
    }

    /** The machine account, {@code WKS01$}. */
    public String machineAccountName() {
        return name + "$";
    }

    /** The machine as a principal: {@code HELK\WKS01$} with the domain's computer SID. */
    public Account machineAccount(String netbiosDomain, String domainSid, int relativeId) {
        return new Account(netbiosDomain, machineAccountName(), domainSid + "-" + relativeId);
    }

    public boolean isWorkstation() {
        return role == HostRole.WORKSTATION;
    }

    @Override
    public String toString() {
        return name.toLowerCase(Locale.ROOT);
    }
}
