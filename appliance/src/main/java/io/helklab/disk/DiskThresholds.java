package io.helklab.disk;

/**
 * How much free space the home's file system keeps, as absolute sizes: a laptop's disk is large and mostly the
 * user's, so percentages (Elasticsearch's default 85/90/95 %) would stop a lab with tens of gigabytes still free.
 *
 * <p>The order matters: ingest pauses ({@link #pauseBelowBytes}) before Elasticsearch refuses new shards (its high
 * watermark) or blocks writes (its flood stage), so the lab says why it stopped instead of failing shards, and long
 * before Kafka's log directory runs out, which would halt the broker.
 *
 * @param pauseBelowBytes  the indexer stops reading Kafka when less than this is free
 * @param resumeAboveBytes it reads again once more than this is free (above the pause, so it does not flap)
 */
public record DiskThresholds(long pauseBelowBytes, long resumeAboveBytes) {
    private static final long MEBIBYTE = 1024L * 1024;

    /** Sizes for a laptop: a gibibyte of headroom is hours of lab ingest. */
    public static final DiskThresholds LAPTOP = new DiskThresholds(1024 * MEBIBYTE, 1280 * MEBIBYTE);

    public DiskThresholds {
        if (pauseBelowBytes < 4 * MEBIBYTE) {
            throw new IllegalArgumentException("pause below " + pauseBelowBytes + " bytes leaves no room; give at least 4 MiB");
        }
        if (resumeAboveBytes <= pauseBelowBytes) {
            throw new IllegalArgumentException("resume above (" + resumeAboveBytes + " bytes) must exceed pause below ("
                    + pauseBelowBytes + " bytes)");
        }
    }

    /** Elasticsearch's low watermark (no new replicas): three quarters of the pause threshold. */
    public String elasticsearchLowWatermark() {
        return elasticsearchLowWatermarkBytes(pauseBelowBytes) + "b";
    }

    /** Elasticsearch's high watermark (no new primaries, so no new daily index): half the pause threshold. */
    public String elasticsearchHighWatermark() {
        return pauseBelowBytes / 2 + "b";
    }

    /** Elasticsearch's flood stage (indices become read-only until space returns): a quarter of it. */
    public String elasticsearchFloodStage() {
        return pauseBelowBytes / 4 + "b";
    }

    private static long elasticsearchLowWatermarkBytes(long pauseBelowBytes) {
        return pauseBelowBytes / 4 * 3;
    }
}
