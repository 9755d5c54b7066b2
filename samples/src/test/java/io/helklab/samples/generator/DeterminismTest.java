package io.helklab.samples.generator;

import io.helklab.samples.ManifestCodec;
import io.helklab.samples.generator.scenario.LsassCredentialDumping;
import io.helklab.samples.generator.scenario.RunKeyPersistence;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Two runs of the generator give identical output, whatever ran before them in the same JVM. */
class DeterminismTest {

    @Test
    void buildingAScenarioTwiceGivesIdenticalRecordsAndManifest() {
        DatasetBuilder builder = new DatasetBuilder();
        GeneratedDataset first = builder.build(new LsassCredentialDumping());
        builder.build(new RunKeyPersistence());
        GeneratedDataset second = builder.build(new LsassCredentialDumping());
        assertThat(second.records()).isEqualTo(first.records());
        assertThat(ManifestCodec.toJson(second.manifest())).isEqualTo(ManifestCodec.toJson(first.manifest()));
        assertThat(first.records()).hasSize((int) first.manifest().eventCount());
    }
}
