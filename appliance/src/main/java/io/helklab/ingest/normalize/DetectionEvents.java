package io.helklab.ingest.normalize;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.helklab.detection.EventView;
import java.io.IOException;

/**
 * Windows event records read for the detection engine with the normaliser's streaming reader, in any of the
 * input formats it accepts, as {@link EventView}s under Sigma's field names.
 */
public final class DetectionEvents {

    private static final JsonFactory JSON = new JsonFactory();

    private DetectionEvents() {
    }

    /** The event of one record, or null when the record is not one JSON object (it has no fields to match). */
    public static EventView read(byte[] record) {
        if (record == null) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(record)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            return new RawEventView(RawEventReader.read(parser, record));
        } catch (IOException | RuntimeException notAnObject) {
            return null;
        }
    }
}
