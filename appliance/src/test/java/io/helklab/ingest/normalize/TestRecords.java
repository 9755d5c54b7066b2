package io.helklab.ingest.normalize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads the hand-written test records and compares documents with numbers normalised. */
final class TestRecords {

    static final Instant INGEST_TIME = Instant.parse("2024-06-01T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(INGEST_TIME, ZoneOffset.UTC);

    private TestRecords() {
    }

    static byte[] resource(String name) {
        try (InputStream in = TestRecords.class.getResourceAsStream("/io/helklab/ingest/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Test resource io/helklab/ingest/" + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a JSON-lines resource, each as the bytes a Kafka record would carry. */
    static List<byte[]> lines(String name) {
        List<byte[]> result = new ArrayList<>();
        for (String line : new String(resource(name), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                result.add(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return result;
    }

    /** {@link #normaliseNumbers(Object)} for a document. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> normalised(Map<String, ?> document) {
        return (Map<String, Object>) normaliseNumbers(document);
    }

    /** Jackson reads small numbers as Integer; compare every number as a long. */
    @SuppressWarnings("unchecked")
    static Object normaliseNumbers(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, child) -> copy.put((String) key, normaliseNumbers(child)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TestRecords::normaliseNumbers).toList();
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Long) {
            return ((Number) value).longValue();
        }
        return value;
    }
}
