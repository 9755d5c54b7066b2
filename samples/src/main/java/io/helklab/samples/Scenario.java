package io.helklab.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A shipped sample dataset: its manifest (what happened, where, when, in which format, how many events
 * per HELK index family, the answer key and the class's questions) and access to its raw records, which
 * live beside the manifest as {@code <name>.jsonl.gz} on the class path. Immutable value; reading
 * records opens a new stream each time and is safe from any thread.
 */
public record Scenario(String name, String title, List<AttackTechnique> attack, RecordFormat format, List<String> hosts,
                       List<String> users, Instant start, Instant end, String narrative, long eventCount,
                       Map<String, Long> counts, List<AnswerFact> answerKey, List<Challenge> challenges) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(narrative, "narrative");
        attack = List.copyOf(attack);
        hosts = List.copyOf(hosts);
        users = List.copyOf(users);
        counts = Map.copyOf(counts);
        answerKey = List.copyOf(answerKey);
        challenges = List.copyOf(challenges);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("Scenario " + name + " starts at " + start + " but ends at " + end);
        }
    }

    /** Class-path location of the records, {@code /io/helklab/samples/<name>.jsonl.gz}. */
    public String recordsResource() {
        return "/io/helklab/samples/" + name + ".jsonl.gz";
    }

    /** The decompressed records, one JSON object per line. The caller closes the stream. */
    public InputStream openRecords() {
        InputStream compressed = Scenario.class.getResourceAsStream(recordsResource());
        if (compressed == null) {
            throw new IllegalStateException("Scenario " + name + ": its records " + recordsResource()
                    + " are not on the class path; the samples jar is incomplete (rebuild the samples module)");
        }
        try {
            return new GZIPInputStream(compressed, 1 << 16);
        } catch (IOException notGzip) {
            closeQuietly(compressed, notGzip);
            throw new UncheckedIOException("Scenario " + name + ": " + recordsResource() + " is not a gzip file", notGzip);
        }
    }

    /**
     * The records as UTF-8 bytes, one per line, in time order. The stream holds the resource open:
     * close it (try-with-resources). Read failures surface as {@link UncheckedIOException}.
     */
    public Stream<byte[]> records() {
        BufferedReader reader = new BufferedReader(new InputStreamReader(openRecords(), StandardCharsets.UTF_8), 1 << 16);
        return reader.lines()
                .filter(line -> !line.isEmpty())
                .map(line -> line.getBytes(StandardCharsets.UTF_8))
                .onClose(() -> {
                    try {
                        reader.close();
                    } catch (IOException closing) {
                        throw new UncheckedIOException("Scenario " + name + ": closing " + recordsResource() + " failed", closing);
                    }
                });
    }

    private static void closeQuietly(InputStream stream, Exception cause) {
        try {
            stream.close();
        } catch (IOException closing) {
            cause.addSuppressed(closing);
        }
    }
}
