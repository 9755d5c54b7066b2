package io.helklab.samples.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.samples.Scenario;
import io.helklab.samples.generator.domain.Account;
import io.helklab.samples.generator.domain.Host;
import io.helklab.samples.generator.domain.LabDomain;
import io.helklab.samples.generator.event.EventLog;
import io.helklab.samples.generator.event.WindowsEvent;
import io.helklab.samples.generator.format.EventFormatter;
import io.helklab.samples.generator.scenario.AttackScenario;
import io.helklab.samples.generator.scenario.ScenarioContext;
import io.helklab.samples.generator.simulation.HostBehaviour;
import io.helklab.samples.generator.simulation.HostSimulation;
import io.helklab.samples.generator.simulation.TimeWindow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs one {@link AttackScenario}: simulates the benign day of each of its machines, plants the attack,
 * puts the events in time order with record numbers, keeps those inside the window, serialises them in
 * the scenario's format and derives the manifest (counts per HELK index family included) from what was
 * actually produced. Every random choice descends from {@link #SEED} and the scenario's name, so a
 * scenario's output does not depend on which other scenarios run. Stateless and thread-safe.
 */
public final class DatasetBuilder {

    /** The one fixed seed of every shipped dataset. Changing it changes every committed file. */
    public static final long SEED = 20261005L;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public GeneratedDataset build(AttackScenario scenario) {
        LabDomain domain = LabDomain.standard();
        TimeWindow window = TimeWindow.workingDay(scenario.day());
        long seed = SEED * 31 + scenario.name().hashCode();
        EventLog log = new EventLog();
        Map<String, HostSimulation> machines = new LinkedHashMap<>();
        for (String hostName : scenario.hostNames()) {
            Host host = domain.host(hostName);
            HostSimulation machine = new HostSimulation(host, domain, window, seed, log);
            for (HostBehaviour behaviour : scenario.behavioursFor(host)) {
                behaviour.simulate(machine, window);
            }
            machines.put(hostName, machine);
        }
        ScenarioContext context = new ScenarioContext(domain, window, machines, seed);
        scenario.perform(context);

        EventFormatter formatter = EventFormatter.forFormat(scenario.format());
        List<String> records = new ArrayList<>(log.size());
        Map<String, Long> counts = new TreeMap<>();
        for (WindowsEvent event : log.inTimeOrder()) {
            if (window.contains(event.time())) {
                records.add(serialise(formatter, event));
                counts.merge(event.channel().indexFamily(), 1L, Long::sum);
            }
        }
        Scenario manifest = new Scenario(scenario.name(), scenario.title(), scenario.techniques(), scenario.format(),
                machines.values().stream().map(machine -> machine.host().fullyQualifiedName()).toList(),
                users(domain, machines, context.answers()), window.start(), window.end(), scenario.narrative(), records.size(),
                counts, context.answers().facts(), context.answers().challenges());
        return new GeneratedDataset(manifest, records);
    }

    /** The people working on the dataset's machines, then the accounts the attack used. */
    private static List<String> users(LabDomain domain, Map<String, HostSimulation> machines, AnswerKeyBuilder answers) {
        Set<Account> accounts = new LinkedHashSet<>();
        machines.values().stream().map(HostSimulation::host).filter(Host::isWorkstation).map(domain::primaryUser).forEach(accounts::add);
        accounts.addAll(answers.involvedAccounts());
        return accounts.stream().map(Account::qualifiedName).toList();
    }

    private static String serialise(EventFormatter formatter, WindowsEvent event) {
        try {
            return MAPPER.writeValueAsString(formatter.format(event));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("Serialising event " + event.eventId() + " of " + event.host().name() + " failed", impossible);
        }
    }
}
