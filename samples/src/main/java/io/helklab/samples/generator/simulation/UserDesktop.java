package io.helklab.samples.generator.simulation;

import io.helklab.samples.generator.domain.LogonSession;
import io.helklab.samples.generator.domain.SimulatedProcess;

import java.time.Instant;
import java.util.Objects;

/**
 * An interactive user's desktop on a workstation: the logon session, the shell and the long-running
 * applications, between logon and logoff. Attack scenarios start their first process from here.
 * Immutable value.
 */
public record UserDesktop(LogonSession session, SimulatedProcess explorer, SimulatedProcess browser,
                          SimulatedProcess outlook, Instant loggedOn, Instant loggedOff) {

    public UserDesktop {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(explorer, "explorer");
        Objects.requireNonNull(browser, "browser");
        Objects.requireNonNull(outlook, "outlook");
    }

    /** {@code C:\Users\amartin}. */
    public String profileDirectory() {
        return "C:\\Users\\" + session.account().name();
    }

    /** The registry root Sysmon shows for this user's HKCU: {@code HKU\S-1-5-21-…}. */
    public String userHive() {
        return "HKU\\" + session.account().sid();
    }
}
