package io.helklab.samples.generator.domain;

import java.util.Objects;

/**
 * A Windows security principal as event logs name it: a domain (or authority), an account name and a SID.
 * Immutable value.
 */
public record Account(String domain, String name, String sid) {

    public static final Account SYSTEM = new Account("NT AUTHORITY", "SYSTEM", "S-1-5-18");
    public static final Account LOCAL_SERVICE = new Account("NT AUTHORITY", "LOCAL SERVICE", "S-1-5-19");
    public static final Account NETWORK_SERVICE = new Account("NT AUTHORITY", "NETWORK SERVICE", "S-1-5-20");

    public Account {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sid, "sid");
    }

    /** {@code DOMAIN\name}, the way Sysmon writes its {@code User} fields. */
    public String qualifiedName() {
        return domain + "\\" + name;
    }

    /** Well-known service accounts have fixed SIDs below S-1-5-21; domain accounts do not. */
    public boolean isWellKnownServiceAccount() {
        return !sid.startsWith("S-1-5-21-");
    }
}
