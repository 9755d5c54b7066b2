package io.helklab.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The sample datasets bundled in this jar, in teaching order. The order and the names come from
 * {@code /io/helklab/samples/scenarios.txt}, written by the generator beside the manifests.
 * Thread-safe: the catalogue is read once, on first use, and is immutable afterwards.
 */
public final class SampleCatalog {

    static final String RESOURCE_DIRECTORY = "/io/helklab/samples/";
    static final String INDEX_RESOURCE = RESOURCE_DIRECTORY + "scenarios.txt";

    private SampleCatalog() {
    }

    private static final class BuiltIn {
        static final List<Scenario> SCENARIOS = load();
    }

    /** Every bundled scenario, in the order the class meets them. */
    public static List<Scenario> builtIn() {
        return BuiltIn.SCENARIOS;
    }

    /** The bundled scenario called {@code name}; the error lists the valid names. */
    public static Scenario find(String name) {
        return builtIn().stream().filter(scenario -> scenario.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No sample scenario named '" + name + "'. Valid names: "
                        + String.join(", ", builtIn().stream().map(Scenario::name).toList())));
    }

    private static List<Scenario> load() {
        List<Scenario> scenarios = new ArrayList<>();
        for (String line : read(INDEX_RESOURCE).split("\n")) {
            String name = line.trim();
            if (!name.isEmpty()) {
                String manifest = RESOURCE_DIRECTORY + name + ".json";
                scenarios.add(ManifestCodec.fromJson(read(manifest), manifest));
            }
        }
        return List.copyOf(scenarios);
    }

    private static String read(String resource) {
        try (InputStream stream = SampleCatalog.class.getResourceAsStream(resource)) {
            if (stream == null) {
                throw new IllegalStateException("The sample resource " + resource + " is not on the class path; "
                        + "the samples jar is incomplete (regenerate with the command in samples/README.md and rebuild)");
            }
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("Reading the sample resource " + resource + " failed", unreadable);
        }
    }
}
