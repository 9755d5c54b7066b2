package io.helklab.ingest;

import io.helklab.ingest.normalize.NormalizedEvent;
import io.helklab.schema.TopicNames;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Namespaces: how several independent users (parallel tests, above all) share one indexer without
 * seeing each other's events.
 *
 * <p>A record read from topic {@code <namespace>.winlogbeat} (or {@code <namespace>.winevent}) is
 * indexed into {@code <namespace>.<the index it would otherwise get>}, e.g.
 * {@code hunt-1a2b.logs-endpoint-winevent-sysmon-2024.03.01}; records from the plain HELK topics
 * keep HELK's index names. A namespace is lower-case letters, digits and {@code -}, so it is a valid
 * part of both a Kafka topic and an Elasticsearch index name, and never contains the dot that
 * separates it from the rest. Stateless and thread-safe.
 */
public final class TopicNamespace {
    /** What a namespace may hold. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    private TopicNamespace() {}

    /**
     * The subscription of an indexer that reads these topics and their namespaced copies; for HELK's
     * topics {@code ^([a-z0-9-]+\.)?(winlogbeat|winevent)$}.
     */
    public static Pattern subscription(List<String> topics) {
        String alternatives = topics.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        return Pattern.compile("^(" + NAME.pattern() + "\\.)?(" + alternatives + ")$");
    }

    /**
     * The namespace of a topic that matched {@link #subscription}, or {@code null} for one of the
     * plain topics.
     */
    public static String ofTopic(String topic, List<String> topics) {
        if (topics.contains(topic)) {
            return null;
        }
        int dot = topic.indexOf('.');
        return dot <= 0 ? null : topic.substring(0, dot);
    }

    /** The Winlogbeat topic of a namespace: {@code <namespace>.winlogbeat}. */
    public static String winlogbeatTopic(String namespace) {
        return requireValid(namespace) + "." + TopicNames.WINLOGBEAT;
    }

    /** The index pattern that covers every index of a namespace: {@code <namespace>.*}. */
    public static String indexPattern(String namespace) {
        return requireValid(namespace) + ".*";
    }

    /** The event with its index moved into the namespace; the event itself when the namespace is {@code null}. */
    public static NormalizedEvent apply(String namespace, NormalizedEvent event) {
        if (namespace == null) {
            return event;
        }
        return new NormalizedEvent(namespace + "." + event.index(), event.id(), event.source(), event.disposition(),
                event.channel(), event.reason());
    }

    /** The namespace as given, or an explanation of what a namespace may hold. */
    public static String requireValid(String namespace) {
        if (namespace == null || !NAME.matcher(namespace).matches()) {
            throw new IllegalArgumentException("'" + namespace + "' is not a valid namespace: use 1 to 100 lower-case "
                    + "letters, digits and '-', starting with a letter or digit (it becomes part of Kafka topic and "
                    + "Elasticsearch index names), e.g. '" + suggestion(namespace) + "'");
        }
        return namespace;
    }

    private static String suggestion(String namespace) {
        String cleaned = namespace == null ? "" : namespace.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
                .replaceAll("^-+", "");
        return cleaned.isEmpty() ? "hunt-1" : cleaned.substring(0, Math.min(100, cleaned.length()));
    }
}
