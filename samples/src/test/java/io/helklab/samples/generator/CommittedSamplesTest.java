package io.helklab.samples.generator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed datasets are exactly what the generator produces. Compares decompressed records (gzip
 * bytes may differ between zlib versions), manifests and the scenario index. Run with
 * {@code -Dsamples.regenerate=true} to rewrite the committed files instead.
 */
class CommittedSamplesTest {

    static final String REGENERATE_COMMAND =
            "cd <repository root> && mvn -o -q -pl samples test -Dtest=CommittedSamplesTest -Dsamples.regenerate=true";
    private static final Path COMMITTED = Path.of("src/main/resources/io/helklab/samples");

    @Test
    void committedSamplesAreWhatTheGeneratorProduces(@TempDir Path scratch) throws IOException {
        if (Boolean.getBoolean("samples.regenerate")) {
            List<GeneratedDataset> written = SampleGenerator.generate(COMMITTED);
            assertThat(written).isNotEmpty();
            assertThat(COMMITTED.resolve(SampleGenerator.INDEX_FILE)).exists();
            return;
        }
        List<GeneratedDataset> datasets = SampleGenerator.generate(scratch);
        String stale = "The committed sample files differ from what the generator produces. Regenerate them with: "
                + REGENERATE_COMMAND + " (then rebuild and commit src/main/resources/io/helklab/samples). Differing file: ";
        assertThat(committed(SampleGenerator.INDEX_FILE)).as(stale + SampleGenerator.INDEX_FILE)
                .isEqualTo(Files.readString(scratch.resolve(SampleGenerator.INDEX_FILE)));
        for (GeneratedDataset dataset : datasets) {
            String name = dataset.manifest().name();
            assertThat(committed(name + ".json")).as(stale + name + ".json").isEqualTo(Files.readString(scratch.resolve(name + ".json")));
            String expectedRecords = String.join("\n", dataset.records()) + "\n";
            String committedRecords = gunzip(name + ".jsonl.gz");
            assertThat(committedRecords.equals(expectedRecords)).as(stale + name + ".jsonl.gz").isTrue();
            assertThat(gunzip(scratch.resolve(name + ".jsonl.gz"))).isEqualTo(expectedRecords);
        }
    }

    private static String committed(String file) throws IOException {
        try (InputStream stream = CommittedSamplesTest.class.getResourceAsStream("/io/helklab/samples/" + file)) {
            assertThat(stream).as("committed sample file " + file + " on the class path; regenerate with: " + REGENERATE_COMMAND).isNotNull();
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String gunzip(String file) throws IOException {
        try (InputStream stream = CommittedSamplesTest.class.getResourceAsStream("/io/helklab/samples/" + file)) {
            assertThat(stream).as("committed sample file " + file + "; regenerate with: " + REGENERATE_COMMAND).isNotNull();
            return new String(new GZIPInputStream(stream).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream stream = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
