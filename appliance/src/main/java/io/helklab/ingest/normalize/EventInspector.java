package io.helklab.ingest.normalize;

import io.helklab.detection.EventView;
import java.util.Map;

/**
 * Sees each event the normaliser read as a JSON object, through Sigma's names and in its original case, before its
 * document is written: the detection engine runs here, on what the streaming reader already extracted, so no record
 * is parsed twice. Whatever it returns is added to the event's document (an IOC hit adds {@code ioc_match}).
 *
 * <p>Called on the normalising thread, once per record; the view is valid after the call too (the inspector may
 * keep it, e.g. to build alerts once the document's index and id are known). A throwing inspector is the
 * inspector's defect: the normaliser catches it and writes the event without extra fields.
 */
@FunctionalInterface
public interface EventInspector {

    /** Inspects nothing and adds nothing. */
    EventInspector NONE = event -> Map.of();

    /** @return fields to add to the event's document; empty for none, never null */
    Map<String, Object> inspect(EventView event);
}
