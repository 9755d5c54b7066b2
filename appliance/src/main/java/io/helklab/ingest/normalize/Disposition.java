package io.helklab.ingest.normalize;

/**
 * Where a normalised record goes.
 */
public enum Disposition {
    /** A recognised channel with an event id and a usable time: {@code logs-endpoint-winevent-<channel>-*}. */
    CHANNEL,
    /** JSON object that could not be routed to a channel (unknown channel, no event id, bad time): {@code logs-indexme-*}. */
    CATCH_ALL,
    /** Not a JSON object at all, or rejected later by Elasticsearch: {@code parse-failures-*}. */
    PARSE_FAILURE
}
