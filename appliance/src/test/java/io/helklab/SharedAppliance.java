package io.helklab;

import io.helklab.config.Component;
import io.helklab.junit.SharedFixture;

/**
 * The product fixture's appliance with every component, shared by the integration tests of a test
 * JVM that need Spark, the streams or Spark Connect beside the default {@code @HelkLabTest} appliance.
 * Tests that need a fresh or differently configured appliance start their own.
 */
public final class SharedAppliance {
    private SharedAppliance() {}

    public static HelkLab get() {
        return SharedFixture.appliance(Component.all());
    }

    /** The same appliance with every bundled scenario loaded and searchable. */
    public static HelkLab withAllSamples() {
        return SharedFixture.withAllSamples(Component.all());
    }
}
