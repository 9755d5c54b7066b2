package io.helklab.samples.generator.scenario;

import java.util.List;

/** The shipped scenarios in teaching order: execution first, then credential access, persistence, movement, C2. */
public final class BuiltInScenarios {

    private BuiltInScenarios() {
    }

    public static List<AttackScenario> all() {
        return List.of(new EncodedPowerShellCradle(), new MshtaRundll32Proxy(), new LsassCredentialDumping(),
                new ScheduledTaskPersistence(), new RunKeyPersistence(), new WmiEventSubscription(), new RemoteThreadInjection(),
                new PsexecLateralMovement(), new PeriodicBeaconing());
    }
}
