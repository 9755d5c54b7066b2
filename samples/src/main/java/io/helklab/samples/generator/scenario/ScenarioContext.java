package io.helklab.samples.generator.scenario;

import io.helklab.samples.generator.AnswerKeyBuilder;
import io.helklab.samples.generator.domain.LabDomain;
import io.helklab.samples.generator.simulation.HostSimulation;
import io.helklab.samples.generator.simulation.TimeWindow;

import java.time.LocalTime;
import java.time.Instant;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * What an {@link AttackScenario} acts on: the simulated machines of the dataset (after their benign day
 * was simulated), the time window, a random source of its own and the answer key being built.
 * Not thread-safe; one per scenario run.
 */
public final class ScenarioContext {

    private final LabDomain domain;
    private final TimeWindow window;
    private final Map<String, HostSimulation> machines;
    private final Random random;
    private final AnswerKeyBuilder answers = new AnswerKeyBuilder();

    public ScenarioContext(LabDomain domain, TimeWindow window, Map<String, HostSimulation> machines, long seed) {
        this.domain = domain;
        this.window = window;
        this.machines = Map.copyOf(machines);
        this.random = new Random(seed);
    }

    public HostSimulation machine(String hostName) {
        HostSimulation machine = machines.get(hostName);
        if (machine == null) {
            throw new NoSuchElementException("Host " + hostName + " is not part of this scenario; its hosts are " + machines.keySet());
        }
        return machine;
    }

    /** The moment {@code time} on the scenario's day, plus up to a second of jitter so attacks do not start on the second. */
    public Instant at(LocalTime time) {
        return window.at(time).plusMillis(random.nextInt(1000));
    }

    public LabDomain domain() {
        return domain;
    }

    public TimeWindow window() {
        return window;
    }

    public Random random() {
        return random;
    }

    public AnswerKeyBuilder answers() {
        return answers;
    }
}
