package io.helklab.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helklab.config.Component;
import io.helklab.samples.SampleCatalog;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** From annotation to settings, and the conflict message, without starting anything. */
class FixtureSettingsTest {

    @HelkLabTest
    static class Defaults {}

    @HelkLabTest(services = {FixtureService.INDEXER, FixtureService.SPARK}, samples = {"lsass-credential-dumping", "all"}, startupTimeoutSeconds = 30)
    static class SparkWithEverySample {}

    @HelkLabTest(services = FixtureService.INDEXER, samples = "lsass-dump")
    static class UnknownSample {}

    @HelkLabTest(services = FixtureService.ELASTICSEARCH, samples = "lsass-credential-dumping")
    static class SamplesWithoutIndexer {}

    private static FixtureSettings of(Class<?> testClass) {
        return FixtureSettings.of(testClass.getAnnotation(HelkLabTest.class), testClass);
    }

    @Test
    void theDefaultIsElasticsearchKafkaAndTheIndexerWithTheirRequirements() {
        FixtureSettings settings = of(Defaults.class);
        assertThat(settings.components()).containsExactlyInAnyOrder(Component.ZOOKEEPER, Component.KAFKA,
                Component.ELASTICSEARCH, Component.INDEXER);
        assertThat(settings.serviceNames()).containsExactly("ELASTICSEARCH", "INDEXER", "KAFKA");
        assertThat(settings.samples()).isEmpty();
        assertThat(settings.startupTimeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(settings.keepWorkDirectoryOnFailure()).isFalse();
    }

    @Test
    void allExpandsToEveryBundledScenarioOnceInCatalogueOrderAfterTheNamedOnes() {
        FixtureSettings settings = of(SparkWithEverySample.class);
        assertThat(settings.components()).contains(Component.SPARK, Component.INDEXER, Component.KAFKA);
        assertThat(settings.samples()).startsWith("lsass-credential-dumping").doesNotHaveDuplicates()
                .hasSize(SampleCatalog.builtIn().size());
    }

    @Test
    void anUnknownSampleFailsBeforeAnythingStartsAndListsTheValidNames() {
        assertThatThrownBy(() -> of(UnknownSample.class)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining(UnknownSample.class.getName())
                .hasMessageContaining("No sample scenario named 'lsass-dump'")
                .hasMessageContaining("lsass-credential-dumping");
    }

    @Test
    void samplesNeedTheIndexer() {
        assertThatThrownBy(() -> of(SamplesWithoutIndexer.class)).hasMessageContaining("add FixtureService.INDEXER");
    }

    @Test
    void theConflictMessageNamesBothClassesTheDifferenceAndHowToSplitTheRun() {
        String message = of(SparkWithEverySample.class).conflictWith(of(Defaults.class));
        assertThat(message)
                .contains(SparkWithEverySample.class.getName() + " asks for services [ELASTICSEARCH, INDEXER, KAFKA, SPARK]")
                .contains("services [ELASTICSEARCH, INDEXER, KAFKA] (started for " + Defaults.class.getName() + ")")
                .contains("They differ in [SPARK] (only asked for here).")
                .contains("<forkCount>1</forkCount>", "<reuseForks>false</reuseForks>", "<execution>");
    }
}
