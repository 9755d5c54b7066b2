package io.helklab.schema;

import io.helklab.ingest.normalize.Channel;
import java.util.Arrays;
import java.util.List;

/**
 * HELK's Elasticsearch index names: the one place that spells them. Daily indices are {@code <prefix>YYYY.MM.DD}
 * by the event's own time; a namespace (see {@code TopicNamespace}) puts {@code <namespace>.} in front of them.
 *
 * <ul>
 *   <li>{@code logs-endpoint-winevent-<channel>-*}: one family per {@linkplain #CHANNELS channel};</li>
 *   <li>{@code logs-indexme-*}: events no channel claims, never dropped;</li>
 *   <li>{@code parse-failures-*}: records that could not be read, with the original text;</li>
 *   <li>{@code sysmon-join-*}: the streaming process ⋈ network join;</li>
 *   <li>{@code alerts-*}: detections, deliberately outside {@code logs-*}.</li>
 * </ul>
 */
public final class IndexNames {
    /** The prefix of every channel index: {@code logs-endpoint-winevent-}. */
    public static final String WINEVENT_PREFIX = "logs-endpoint-winevent-";
    public static final String CATCH_ALL_PREFIX = "logs-indexme-";
    public static final String PARSE_FAILURES_PREFIX = "parse-failures-";
    public static final String SYSMON_JOIN_PREFIX = "sysmon-join-";
    public static final String ALERTS_PREFIX = "alerts-";

    /** Every channel index. */
    public static final String WINEVENT_PATTERN = WINEVENT_PREFIX + "*";
    public static final String CATCH_ALL_PATTERN = CATCH_ALL_PREFIX + "*";
    public static final String PARSE_FAILURES_PATTERN = PARSE_FAILURES_PREFIX + "*";
    public static final String SYSMON_JOIN_PATTERN = SYSMON_JOIN_PREFIX + "*";
    public static final String ALERTS_PATTERN = ALERTS_PREFIX + "*";
    /** The channel indices and the catch-all: what HELK's Kibana calls its logs. */
    public static final String LOGS_PATTERN = "logs-*";

    /** The channels with an index family of their own, as index names spell them: {@code sysmon}, {@code security}, .... */
    public static final List<String> CHANNELS = Arrays.stream(Channel.values()).map(Channel::indexName).toList();

    private IndexNames() {}

    /** The prefix of one channel's daily indices: {@code logs-endpoint-winevent-sysmon-}. */
    public static String channelPrefix(String channel) {
        return WINEVENT_PREFIX + channel + "-";
    }

    /** The prefix of one channel's daily indices: {@code logs-endpoint-winevent-sysmon-}. */
    public static String channelPrefix(Channel channel) {
        return channelPrefix(channel.indexName());
    }

    /** Every day of one channel: {@code logs-endpoint-winevent-sysmon-*}. */
    public static String channelPattern(String channel) {
        return channelPrefix(channel) + "*";
    }

    /** Every day of one channel: {@code logs-endpoint-winevent-sysmon-*}. */
    public static String channelPattern(Channel channel) {
        return channelPattern(channel.indexName());
    }
}
