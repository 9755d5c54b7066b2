package io.helklab.ingest.normalize;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Serialises a document of maps, lists, strings, numbers and booleans with Jackson's streaming generator, and
 * appends the original record as a JSON string straight from its UTF-8 bytes. Profiling showed the
 * re-escaping of the (backslash-heavy) original text through {@code String} to be the largest single cost of
 * the normaliser; escaping the validated bytes directly is several times cheaper. Stateless and thread-safe.
 */
final class DocumentWriter {

    static final String ORIGINAL_FIELD = "event_original_message";
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private DocumentWriter() {
    }

    /**
     * @param fields         the document fields, in output order
     * @param validUtf8Original the original record, already checked to be valid UTF-8, written last as
     *                       {@value #ORIGINAL_FIELD}; null to write nothing more
     */
    static byte[] write(Map<String, Object> fields, byte[] validUtf8Original) {
        int originalLength = validUtf8Original == null ? 0 : validUtf8Original.length;
        ByteSink sink = new ByteSink(originalLength + originalLength / 4 + 2048);
        try (JsonGenerator generator = FACTORY.createGenerator(sink)) {
            generator.writeStartObject();
            writeFields(generator, fields);
            if (validUtf8Original != null) {
                generator.writeFieldName(ORIGINAL_FIELD);
                // Lets the generator write the ':' and count a value; the string itself goes straight to the sink.
                generator.writeRawValue("");
                generator.flush();
                sink.appendJsonString(validUtf8Original);
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

    /** An unsynchronised growable byte buffer (ByteArrayOutputStream locks on every write). */
    static final class ByteSink extends OutputStream {
        private static final boolean[] NEEDS_ESCAPE = new boolean[256];

        static {
            for (int b = 0; b < 0x20; b++) {
                NEEDS_ESCAPE[b] = true;
            }
            NEEDS_ESCAPE['"'] = true;
            NEEDS_ESCAPE['\\'] = true;
        }

        private byte[] buffer;
        private int size;

        ByteSink(int initialCapacity) {
            buffer = new byte[initialCapacity];
        }

        @Override
        public void write(int b) {
            ensure(1);
            buffer[size++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            ensure(length);
            System.arraycopy(bytes, offset, buffer, size, length);
            size += length;
        }

        /**
         * Appends valid UTF-8 as a quoted JSON string: only {@code "}, {@code \} and control characters need
         * escaping, and bytes of multi-byte sequences are all 0x80 or above, so they are copied as they are.
         */
        void appendJsonString(byte[] utf8) {
            ensure(utf8.length + 2);
            buffer[size++] = '"';
            for (byte b : utf8) {
                if (!NEEDS_ESCAPE[b & 0xff]) {
                    if (size == buffer.length) {
                        ensure(1);
                    }
                    buffer[size++] = b;
                } else {
                    ensure(6);
                    buffer[size++] = '\\';
                    if (b == '"' || b == '\\') {
                        buffer[size++] = b;
                    } else {
                        buffer[size++] = 'u';
                        buffer[size++] = '0';
                        buffer[size++] = '0';
                        buffer[size++] = HEX[b >> 4];
                        buffer[size++] = HEX[b & 0xf];
                    }
                }
            }
            ensure(1);
            buffer[size++] = '"';
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, size);
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }
    }
}
