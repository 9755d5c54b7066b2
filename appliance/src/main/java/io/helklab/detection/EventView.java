package io.helklab.detection;

import java.time.Instant;

/**
 * One Windows event as it arrived, seen through Sigma's field names: the event log's own names in their original
 * case ({@code Image}, {@code CommandLine}, {@code EventID}, {@code Channel}, {@code Provider_Name}, …), whatever
 * the shipper's format. Values are the record's text, never HELK's renamed or lower-cased copies: Sigma matches
 * the original values ({@code re}, {@code cased} and {@code base64offset} depend on them).
 *
 * <p>Implementations must be cheap to query repeatedly; the engine asks for the same field several times per
 * event. A view is used by one thread at a time.
 */
public interface EventView {

    /** The value of a field by its Sigma name, or null when the event does not have it. */
    String field(String name);

    /** Every value of the event, for keyword searches (Sigma's lists of plain strings). */
    Iterable<String> values();

    /** The channel (log name) as the event spells it, or null. */
    String channel();

    /** The event id as text, as the event carries it (it may be a string), or null. */
    String eventId();

    /** When the event happened, for correlation windows; null when the event carries no usable time. */
    default Instant time() {
        return null;
    }
}
