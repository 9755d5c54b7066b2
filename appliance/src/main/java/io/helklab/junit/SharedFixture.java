package io.helklab.junit;

import io.helklab.HelkLab;
import io.helklab.config.Component;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JUnit fixture's appliance for test code that holds it in a static field instead of declaring
 * {@link HelkLabTest} on its class: the same start (work directory, appliance log, start timeout,
 * unwinding), the same sample loading, without the extension's one-appliance-per-JVM rule, so such
 * code can run beside {@link HelkLabTest} classes in one JVM.
 *
 * <p>Lifecycle: one appliance per set of components per JVM, started on first use and closed when
 * the JVM exits. It does not publish the {@code helklab.*} system properties: those belong to the
 * extension's appliance. Thread-safe.
 */
public final class SharedFixture {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final Map<Set<Component>, HelkLabFixture> RUNNING = new HashMap<>();

    private SharedFixture() {}

    /** The appliance running {@code components} (requirements added), started on first use. */
    public static HelkLab appliance(Set<Component> components) {
        return fixture(components).lab();
    }

    /**
     * The appliance running {@code components} with every bundled scenario loaded through Kafka and
     * searchable; loading happens once per JVM.
     */
    public static HelkLab withAllSamples(Set<Component> components) {
        HelkLabFixture fixture = fixture(components);
        List<String> all = SampleCatalog.builtIn().stream().map(Scenario::name).toList();
        try {
            fixture.ensureSamples(settings(components, all));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the samples", interrupted);
        }
        return fixture.lab();
    }

    private static synchronized HelkLabFixture fixture(Set<Component> components) {
        FixtureSettings settings = settings(components, List.of());
        HelkLabFixture fixture = RUNNING.get(settings.components());
        if (fixture == null || !fixture.isOpen()) {
            fixture = HelkLabFixture.start(settings);
            RUNNING.put(settings.components(), fixture);
            Runtime.getRuntime().addShutdownHook(new Thread(fixture::close, "helk-lab-shared-fixture-shutdown"));
        }
        return fixture;
    }

    private static FixtureSettings settings(Set<Component> components, List<String> samples) {
        return new FixtureSettings(components, samples, TIMEOUT, false, SharedFixture.class.getName());
    }
}
