package io.helklab.samples.generator.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helklab.samples.RecordFormat;
import io.helklab.samples.generator.event.WindowsEvent;

/**
 * Serialises a {@link WindowsEvent} the way one shipper would put it on Kafka. Implementations are
 * stateless and thread-safe; field order is fixed so the output is byte-for-byte reproducible.
 */
public interface EventFormatter {

    RecordFormat format();

    ObjectNode format(WindowsEvent event);

    static EventFormatter forFormat(RecordFormat format) {
        return switch (format) {
            case WINLOGBEAT_7 -> new WinlogbeatSevenFormatter();
            case WINLOGBEAT_6 -> new WinlogbeatSixFormatter();
            case NXLOG_JSON -> new NxlogJsonFormatter();
            case FLAT_EXPORT -> new FlatExportFormatter();
        };
    }
}
