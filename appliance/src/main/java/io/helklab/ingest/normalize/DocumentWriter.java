package io.helklab.ingest.normalize;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Serialises a document of maps, lists, strings, numbers and booleans as Smile, the binary JSON that
 * Elasticsearch takes as a document source as readily as JSON text (and turns back into JSON for every REST
 * reader). Smile sources index faster than the same documents as JSON text (figures in the README): a string
 * needs no escaping or unescaping, which matters most for {@value #ORIGINAL_FIELD}, the original record,
 * whose quotes would all need escaping in JSON. The original's UTF-8 bytes, already validated, are copied
 * into the document as they are. Stateless and thread-safe.
 */
final class DocumentWriter {

    static final String ORIGINAL_FIELD = "event_original_message";
    /** Shared, as Jackson factories are meant to be; Smile's defaults: header on, shared names on, shared values off. */
    static final SmileFactory SMILE = new SmileFactory();

    private DocumentWriter() {
    }

    /**
     * @param fields            the document fields, in output order
     * @param validUtf8Original the original record, already checked to be valid UTF-8, written last as
     *                          {@value #ORIGINAL_FIELD}; null to write nothing more
     * @return the document as Smile
     */
    static byte[] write(Map<String, Object> fields, byte[] validUtf8Original) {
        int originalLength = validUtf8Original == null ? 0 : validUtf8Original.length;
        ByteArrayBuilder sink = new ByteArrayBuilder(originalLength + 2048);
        try (JsonGenerator generator = SMILE.createGenerator(sink)) {
            generator.writeStartObject();
            writeFields(generator, fields);
            if (validUtf8Original != null) {
                generator.writeFieldName(ORIGINAL_FIELD);
                generator.writeUTF8String(validUtf8Original, 0, validUtf8Original.length);
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing a document to memory failed; this is a HELK lab defect", e);
        }
        return sink.toByteArray();
    }

    private static void writeFields(JsonGenerator generator, Map<?, ?> fields) throws IOException {
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            generator.writeFieldName((String) field.getKey());
            writeValue(generator, field.getValue());
        }
    }

    private static void writeValue(JsonGenerator generator, Object value) throws IOException {
        if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof Integer number) {
            generator.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            writeFields(generator, map);
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object element : list) {
                writeValue(generator, element);
            }
            generator.writeEndArray();
        } else if (value == null) {
            generator.writeNull();
        } else {
            generator.writeString(value.toString());
        }
    }
}
