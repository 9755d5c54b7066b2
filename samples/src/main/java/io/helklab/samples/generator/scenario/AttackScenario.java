package io.helklab.samples.generator.scenario;

import io.helklab.samples.AttackTechnique;
import io.helklab.samples.RecordFormat;
import io.helklab.samples.generator.domain.Host;
import io.helklab.samples.generator.domain.HostRole;
import io.helklab.samples.generator.simulation.BackgroundServices;
import io.helklab.samples.generator.simulation.DomainControllerDay;
import io.helklab.samples.generator.simulation.HostBehaviour;
import io.helklab.samples.generator.simulation.MemberServerDay;
import io.helklab.samples.generator.simulation.WorkstationUserDay;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One shipped scenario: which machines and day it covers, in which record format, and the attack it
 * plants among their benign activity. Subclasses implement {@link #perform} and may change a host's
 * benign behaviours. Instances are immutable; {@link #perform} acts only on the context it is given.
 */
public abstract class AttackScenario {

    private final String name;
    private final String title;
    private final List<AttackTechnique> techniques;
    private final RecordFormat format;
    private final LocalDate day;
    private final List<String> hostNames;
    private final String narrative;

    protected AttackScenario(String name, String title, List<AttackTechnique> techniques, RecordFormat format, LocalDate day,
                             List<String> hostNames, String narrative) {
        this.name = Objects.requireNonNull(name, "name");
        this.title = Objects.requireNonNull(title, "title");
        this.techniques = List.copyOf(techniques);
        this.format = Objects.requireNonNull(format, "format");
        this.day = Objects.requireNonNull(day, "day");
        this.hostNames = List.copyOf(hostNames);
        this.narrative = Objects.requireNonNull(narrative, "narrative");
    }

    /** Plants the attack's events and records its answer key and challenges. */
    public abstract void perform(ScenarioContext context);

    /** The benign activity of {@code host} during this scenario; by default what its role does every day. */
    public List<HostBehaviour> behavioursFor(Host host) {
        HostBehaviour daily = host.role() == HostRole.DOMAIN_CONTROLLER ? new DomainControllerDay()
                : host.role() == HostRole.SERVER ? new MemberServerDay() : WorkstationUserDay.standard();
        return List.of(new BackgroundServices(), daily);
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    public List<AttackTechnique> techniques() {
        return techniques;
    }

    public RecordFormat format() {
        return format;
    }

    public LocalDate day() {
        return day;
    }

    public List<String> hostNames() {
        return hostNames;
    }

    public String narrative() {
        return narrative;
    }
}
