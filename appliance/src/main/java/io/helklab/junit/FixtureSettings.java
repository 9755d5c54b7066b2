package io.helklab.junit;

import io.helklab.config.Component;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one {@link HelkLabTest} asks for, validated. {@link #components()} is the appliance's identity
 * (two classes share an appliance when their components are equal); the rest applies to the class.
 *
 * @param components     the appliance components, requirements included
 * @param samples        bundled scenario names to preload, in the order given, {@code "all"} expanded
 * @param startupTimeout how long starting and preloading may take
 * @param keepWorkDirectoryOnFailure keep the work directory when a test fails
 * @param declaredBy     the test class the settings came from, for messages
 */
record FixtureSettings(Set<Component> components, List<String> samples, Duration startupTimeout,
        boolean keepWorkDirectoryOnFailure, String declaredBy) {

    static final String KEEP_PROPERTY = "helklab.keep";

    FixtureSettings {
        components = Set.copyOf(Component.withRequirements(components));
        samples = List.copyOf(samples);
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        Objects.requireNonNull(declaredBy, "declaredBy");
    }

    /** The settings of an annotation; unknown sample names fail here, before anything starts. */
    static FixtureSettings of(HelkLabTest annotation, Class<?> testClass) {
        String declaredBy = testClass.getName();
        if (annotation.services().length == 0) {
            throw HelkLabExtension.configurationError("@HelkLabTest(services = {}) on " + declaredBy
                    + " asks for no service at all; name at least one, e.g. services = FixtureService.ELASTICSEARCH");
        }
        EnumSet<Component> components = EnumSet.noneOf(Component.class);
        for (FixtureService service : annotation.services()) {
            components.add(service.component());
        }
        if (annotation.startupTimeoutSeconds() <= 0) {
            throw HelkLabExtension.configurationError("@HelkLabTest(startupTimeoutSeconds = "
                    + annotation.startupTimeoutSeconds() + ") on " + declaredBy + " must be positive");
        }
        List<String> samples = resolveSamples(annotation.samples(), declaredBy);
        if (!samples.isEmpty() && !components.contains(Component.INDEXER)) {
            throw HelkLabExtension.configurationError("@HelkLabTest on " + declaredBy + " preloads samples " + samples
                    + " but does not run the indexer that carries them from Kafka to Elasticsearch; add "
                    + "FixtureService.INDEXER to services");
        }
        return new FixtureSettings(components, samples, Duration.ofSeconds(annotation.startupTimeoutSeconds()),
                annotation.keepWorkDirectoryOnFailure(), declaredBy);
    }

    private static List<String> resolveSamples(String[] names, String declaredBy) {
        Set<String> resolved = new LinkedHashSet<>();
        for (String name : names) {
            if ("all".equals(name)) {
                SampleCatalog.builtIn().forEach(scenario -> resolved.add(scenario.name()));
                continue;
            }
            try {
                resolved.add(SampleCatalog.find(name).name());
            } catch (NoSuchElementException unknown) {
                throw HelkLabExtension.configurationError("@HelkLabTest(samples = \"" + name + "\") on " + declaredBy
                        + ": " + unknown.getMessage() + ", or \"all\"", unknown);
            }
        }
        return new ArrayList<>(resolved);
    }

    /** The preloaded scenarios. */
    List<Scenario> scenarios() {
        return samples.stream().map(SampleCatalog::find).toList();
    }

    /** Whether a failed run keeps the work directory: the attribute or {@code -Dhelklab.keep=true}. */
    boolean keepOnFailure() {
        return keepWorkDirectoryOnFailure || Boolean.getBoolean(KEEP_PROPERTY);
    }

    /** The services, as users name them in the annotation, sorted. */
    Set<String> serviceNames() {
        Set<String> names = new TreeSet<>();
        for (FixtureService service : FixtureService.values()) {
            if (components.contains(service.component())) {
                names.add(service.name());
            }
        }
        return names;
    }

    /**
     * Why these settings cannot share the appliance that is running for {@code running}, and how to
     * split the classes into separate JVMs.
     */
    String conflictWith(FixtureSettings running) {
        Set<String> onlyHere = new TreeSet<>(serviceNames());
        onlyHere.removeAll(running.serviceNames());
        Set<String> onlyThere = new TreeSet<>(running.serviceNames());
        onlyThere.removeAll(serviceNames());
        return "@HelkLabTest on " + declaredBy + " asks for services " + serviceNames() + ", but this JVM already runs "
                + "a HELK lab appliance with services " + running.serviceNames() + " (started for " + running.declaredBy
                + "). They differ in " + describeDifference(onlyHere, onlyThere) + ". One JVM holds one appliance: Spark "
                + "allows one context per JVM, and a second appliance would cost another gigabyte of heap. Either give "
                + "both classes the same @HelkLabTest(services = ...), or run them in separate JVMs: a separate "
                + "surefire/failsafe <execution> whose <includes> select one group of classes (e.g. the Spark tests), "
                + "or <forkCount>1</forkCount> with <reuseForks>false</reuseForks> to fork a JVM per test class.";
    }

    private static String describeDifference(Set<String> onlyHere, Set<String> onlyThere) {
        List<String> parts = new ArrayList<>();
        if (!onlyHere.isEmpty()) {
            parts.add(onlyHere + " (only asked for here)");
        }
        if (!onlyThere.isEmpty()) {
            parts.add(onlyThere + " (only in the running appliance)");
        }
        return String.join(" and ", parts);
    }
}
