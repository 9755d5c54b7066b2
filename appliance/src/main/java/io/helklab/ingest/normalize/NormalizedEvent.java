package io.helklab.ingest.normalize;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One record, ready for a bulk index request: target index, document id and the source.
 *
 * <p>The source is Smile, the binary JSON that Elasticsearch accepts as a document source
 * ({@code XContentType.SMILE}) and turns back into JSON for every REST reader; it indexes faster than the
 * same document as JSON text (see {@link DocumentWriter}). {@link #fields()} and {@link #json()} decode it.
 *
 * <p>Immutable value. {@code source} is shared, not copied: callers must not modify the array.
 *
 * @param index       the target index, e.g. {@code logs-endpoint-winevent-sysmon-2024.03.01}
 * @param id          deterministic document id (hash of the original record bytes)
 * @param source      the document to index, a Smile-encoded JSON object
 * @param disposition which family of index the record was routed to
 * @param channel     the HELK channel name ({@code sysmon}, {@code security}, …) or null when unknown
 * @param reason      why the record was not routed to a channel index; null for {@link Disposition#CHANNEL}
 */
public record NormalizedEvent(
        String index, String id, byte[] source, Disposition disposition, String channel, String reason) {

    private static final ObjectMapper READER = new ObjectMapper(DocumentWriter.SMILE);
    private static final ObjectMapper JSON = new ObjectMapper();

    public NormalizedEvent {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(disposition, "disposition");
    }

    /**
     * Parses {@link #source()} into maps, lists, strings, numbers and booleans. Meant for tests and for
     * code that reuses the normaliser outside the indexer; the indexer itself sends the bytes as they are.
     */
    public Map<String, Object> fields() {
        try {
            return READER.readValue(source, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw notSmile(e);
        }
    }

    /** {@link #source()} as JSON text, as Elasticsearch returns it; for messages, tests and debugging. */
    public String json() {
        try {
            return JSON.writeValueAsString(READER.readTree(source));
        } catch (IOException e) {
            throw notSmile(e);
        }
    }

    private UncheckedIOException notSmile(IOException e) {
        return new UncheckedIOException("Normalised document for index " + index + " id " + id
                + " is not a Smile object; this is a defect in EventNormalizer", e);
    }

    /** Records compare arrays by reference; two events are equal when their bytes are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof NormalizedEvent event
                && index.equals(event.index) && id.equals(event.id) && Arrays.equals(source, event.source)
                && disposition == event.disposition && Objects.equals(channel, event.channel)
                && Objects.equals(reason, event.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, id, Arrays.hashCode(source), disposition, channel, reason);
    }

    @Override
    public String toString() {
        return "NormalizedEvent[index=" + index + ", id=" + id + ", disposition=" + disposition
                + ", channel=" + channel + ", reason=" + reason + ", sourceBytes=" + source.length + "]";
    }
}
