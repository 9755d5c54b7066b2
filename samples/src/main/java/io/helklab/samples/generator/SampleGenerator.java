package io.helklab.samples.generator;

import io.helklab.samples.ManifestCodec;
import io.helklab.samples.generator.scenario.AttackScenario;
import io.helklab.samples.generator.scenario.BuiltInScenarios;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the shipped sample datasets: for each built-in scenario {@code <name>.jsonl.gz} and
 * {@code <name>.json}, plus {@code scenarios.txt} listing them in order. Usage:
 * {@code SampleGenerator <output directory>}; the committed copies live in
 * {@code samples/src/main/resources/io/helklab/samples} (see samples/README.md for the one command
 * that regenerates them). Runs single-threaded; a failure leaves the files written so far.
 */
public final class SampleGenerator {

    public static final String INDEX_FILE = "scenarios.txt";

    public static void main(String[] arguments) throws IOException {
        if (arguments.length != 1) {
            System.err.println("Usage: SampleGenerator <output directory>   (writes <scenario>.jsonl.gz, <scenario>.json and scenarios.txt)");
            System.exit(2);
        }
        List<GeneratedDataset> datasets = generate(Path.of(arguments[0]));
        for (GeneratedDataset dataset : datasets) {
            System.out.printf("%-32s %-13s %,8d events%n", dataset.manifest().name(), dataset.manifest().format().id(),
                    dataset.manifest().eventCount());
        }
    }

    /** Generates every built-in scenario into {@code directory} (created if missing) and returns what it wrote. */
    public static List<GeneratedDataset> generate(Path directory) throws IOException {
        Files.createDirectories(directory);
        DatasetBuilder builder = new DatasetBuilder();
        List<GeneratedDataset> datasets = new ArrayList<>();
        StringBuilder index = new StringBuilder();
        for (AttackScenario scenario : BuiltInScenarios.all()) {
            GeneratedDataset dataset = builder.build(scenario);
            writeRecords(directory.resolve(scenario.name() + ".jsonl.gz"), dataset.records());
            Files.writeString(directory.resolve(scenario.name() + ".json"), ManifestCodec.toJson(dataset.manifest()), StandardCharsets.UTF_8);
            index.append(scenario.name()).append('\n');
            datasets.add(dataset);
        }
        Files.writeString(directory.resolve(INDEX_FILE), index.toString(), StandardCharsets.UTF_8);
        return datasets;
    }

    private static void writeRecords(Path file, List<String> records) {
        try (OutputStream out = Files.newOutputStream(file);
             Writer writer = new OutputStreamWriter(new BestCompressionGzip(out), StandardCharsets.UTF_8)) {
            for (String record : records) {
                writer.write(record);
                writer.write('\n');
            }
        } catch (IOException failure) {
            throw new UncheckedIOException("Writing " + file + " failed", failure);
        }
    }

    /** GZIPOutputStream at level 9: the shipped jar carries these files, so size matters more than time. */
    private static final class BestCompressionGzip extends GZIPOutputStream {
        BestCompressionGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }

    private SampleGenerator() {
    }
}
