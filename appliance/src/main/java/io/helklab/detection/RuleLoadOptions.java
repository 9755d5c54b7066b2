package io.helklab.detection;

/**
 * How rules are loaded.
 *
 * @param minimumLevel     rules below this level load disabled; null keeps every level
 * @param maximumFileBytes a larger rule file is refused whole (no real rule file comes near it; a huge one is a
 *                         mistake or an attack on the loader)
 */
public record RuleLoadOptions(RuleLevel minimumLevel, int maximumFileBytes) {

    public static final int DEFAULT_MAXIMUM_FILE_BYTES = 4 * 1024 * 1024;

    public RuleLoadOptions {
        if (maximumFileBytes < 1) {
            throw new IllegalArgumentException("maximumFileBytes must be positive, not " + maximumFileBytes);
        }
    }

    public static RuleLoadOptions defaults() {
        return new RuleLoadOptions(null, DEFAULT_MAXIMUM_FILE_BYTES);
    }

    public RuleLoadOptions withMinimumLevel(RuleLevel level) {
        return new RuleLoadOptions(level, maximumFileBytes);
    }

    public RuleLoadOptions withMaximumFileBytes(int bytes) {
        return new RuleLoadOptions(minimumLevel, bytes);
    }
}
