package io.helklab.samples.generator.simulation;

/**
 * A kind of benign activity a machine shows during a window. Implementations draw every choice from the
 * machine's random source, so the same seed gives the same events.
 */
public interface HostBehaviour {

    void simulate(HostSimulation machine, TimeWindow window);
}
