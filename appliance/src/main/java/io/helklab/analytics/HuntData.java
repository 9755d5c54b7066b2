package io.helklab.analytics;

import io.helklab.analytics.IndexMappings.IndexMapping;
import io.helklab.graph.HuntGraphs;
import io.helklab.schema.IndexNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.graphframes.GraphFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hunt data in Elasticsearch as Spark SQL tables and views, and the ready-made graphs over them.
 *
 * <p>What {@link #refresh()} registers:
 * <ul>
 *   <li>one <em>table</em> per family in the session catalog's {@code default} database: {@code sysmon},
 *       {@code security}, {@code system}, {@code application}, {@code powershell}, {@code wmiactivity} (each over
 *       {@code logs-endpoint-winevent-<channel>-*}, every day), {@code indexme}, {@code parse_failures} and
 *       {@code sysmon_join}, and the detection service's {@code alerts}. Catalog tables are shared by every
 *       session of the Spark context, so notebooks and
 *       Spark Connect clients (which get sessions of their own) see them under the same names;</li>
 *   <li>one temporary view per index, named as the index ({@code SELECT * FROM
 *       `logs-endpoint-winevent-sysmon-2026.10.05`}), in this session, and the same as a global temporary view
 *       for other sessions ({@code global_temp.`logs-endpoint-winevent-sysmon-2026.10.05`}).</li>
 * </ul>
 * Everything reads through {@link HuntSource}: filters go down to Elasticsearch where it evaluates them exactly,
 * {@code event_original_message} is left out, multi-valued fields are arrays, PowerShell's dotted fields are
 * structs ({@code powershell.scriptblock.text}), and {@code @timestamp} needs back-quotes in SQL.
 *
 * <p>Lifecycle: create it once the Spark context is connected to Elasticsearch. {@link #refresh()} is cheap when
 * nothing changed (one mapping request); it re-registers a family when its set of indices or one of their
 * mappings changed, so new days and new fields appear. {@link #sql} and {@link #events} refresh first.
 * Threading: methods are synchronised; the Datasets they return are ordinary lazy Spark Datasets. A query that
 * runs in another session at the very moment its table is re-registered can fail with "table not found"; run it
 * again. Failures to reach Elasticsearch surface as {@link IllegalStateException} naming the URL.
 */
public final class HuntData {
    private static final Logger LOG = LoggerFactory.getLogger(HuntData.class);

    /** The HELK channels, each a table over {@code logs-endpoint-winevent-<channel>-*}. */
    public static final List<String> CHANNELS = IndexNames.CHANNELS;
    static final String SOURCE = HuntSource.class.getName();
    private static final Map<String, String> FAMILIES = families();
    private static final String ALL_PATTERNS = String.join(",", FAMILIES.values());

    private final SparkSession spark;
    private final IndexMappings mappings;
    private final Map<String, String> familyFingerprints = new HashMap<>();
    private final Map<String, String> indexFingerprints = new HashMap<>();

    /** @param spark the appliance's session, already connected to Elasticsearch */
    public HuntData(SparkSession spark, String elasticsearchUrl) {
        this.spark = spark;
        this.mappings = new IndexMappings(elasticsearchUrl);
    }

    private static Map<String, String> families() {
        Map<String, String> families = new LinkedHashMap<>();
        for (String channel : CHANNELS) {
            families.put(channel, IndexNames.channelPattern(channel));
        }
        families.put("indexme", IndexNames.CATCH_ALL_PATTERN);
        families.put("parse_failures", IndexNames.PARSE_FAILURES_PATTERN);
        families.put("sysmon_join", IndexNames.SYSMON_JOIN_PATTERN);
        families.put("alerts", IndexNames.ALERTS_PATTERN);
        return Collections.unmodifiableMap(families);
    }

    /** The family tables and the index patterns they cover, in a stable order. */
    public static Map<String, String> tables() {
        return FAMILIES;
    }

    /**
     * Registers the tables and views for what Elasticsearch holds now.
     *
     * @return the names (re)registered by this call; empty when nothing changed
     */
    public synchronized Set<String> refresh() {
        Map<String, IndexMapping> indices = mappings.read(ALL_PATTERNS);
        Set<String> registered = new TreeSet<>();
        for (Map.Entry<String, String> family : FAMILIES.entrySet()) {
            List<IndexMapping> members = matching(indices, family.getValue());
            String fingerprint = members.stream().map(member -> member.index() + "=" + member.fingerprint())
                    .collect(Collectors.joining(","));
            if (!fingerprint.equals(familyFingerprints.get(family.getKey()))
                    || !spark.catalog().tableExists("default", family.getKey())) {
                registerFamily(family.getKey(), family.getValue(), members);
                familyFingerprints.put(family.getKey(), fingerprint);
                registered.add(family.getKey());
            }
        }
        for (IndexMapping index : indices.values()) {
            if (!index.fingerprint().equals(indexFingerprints.get(index.index()))) {
                Dataset<Row> view = read(index.index(), index.inexactFields(), false);
                // Back-quoted: index names hold '-' and '.', which the view-name parser would otherwise reject.
                view.createOrReplaceTempView(quoted(index.index()));
                view.createOrReplaceGlobalTempView(quoted(index.index()));
                indexFingerprints.put(index.index(), index.fingerprint());
                registered.add(index.index());
            }
        }
        for (String gone : new ArrayList<>(indexFingerprints.keySet())) {
            if (!indices.containsKey(gone)) {
                spark.catalog().dropTempView(gone);
                spark.catalog().dropGlobalTempView(gone);
                indexFingerprints.remove(gone);
            }
        }
        if (!registered.isEmpty()) {
            LOG.info("Registered hunt tables and views: {}", registered);
        }
        return registered;
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private void registerFamily(String name, String pattern, List<IndexMapping> members) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("resource", pattern);
        options.put("inexact_fields", String.join(",", inexactFields(members)));
        options.put("empty", Boolean.toString(members.isEmpty()));
        spark.sql("DROP TABLE IF EXISTS default." + name);
        spark.catalog().createTable("default." + name, SOURCE, options);
    }

    private static Set<String> inexactFields(List<IndexMapping> members) {
        Set<String> inexact = new TreeSet<>();
        members.forEach(member -> inexact.addAll(member.inexactFields()));
        return inexact;
    }

    private static List<IndexMapping> matching(Map<String, IndexMapping> indices, String pattern) {
        String prefix = pattern.substring(0, pattern.length() - 1);
        return indices.values().stream().filter(index -> index.index().startsWith(prefix)).toList();
    }

    private Dataset<Row> read(String resource, Set<String> inexactFields, boolean includeOriginal) {
        return spark.read().format(SOURCE)
                .option("resource", resource)
                .option("inexact_fields", String.join(",", inexactFields))
                .option("include_original", includeOriginal)
                .load();
    }

    /** Refreshes, then runs a Spark SQL query in the appliance's session. */
    public synchronized Dataset<Row> sql(String query) {
        refresh();
        return spark.sql(query);
    }

    /**
     * One channel's events across all days, e.g. {@code events("sysmon")}; also accepts {@code indexme},
     * {@code parse_failures} and {@code sysmon_join}. Case does not matter.
     */
    public synchronized Dataset<Row> events(String channel) {
        String name = channel == null ? "" : channel.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (!FAMILIES.containsKey(name)) {
            throw new IllegalArgumentException("There is no hunt table for '" + channel + "'. Valid names: "
                    + String.join(", ", FAMILIES.keySet()) + ".");
        }
        refresh();
        return spark.table("default." + name);
    }

    /**
     * Any index, pattern or comma-separated list of them, read like the hunt tables.
     *
     * @param includeOriginal whether to read {@code event_original_message} (the raw record; large)
     */
    public synchronized Dataset<Row> index(String resource, boolean includeOriginal) {
        Set<String> inexact = new TreeSet<>();
        mappings.read(resource).values().forEach(index -> inexact.addAll(index.inexactFields()));
        return read(resource, inexact, includeOriginal);
    }

    /** The process tree from {@code sysmon} (see {@link HuntGraphs#processTree}). */
    public GraphFrame processTree() {
        return HuntGraphs.processTree(events("sysmon"));
    }

    /** Processes and their network destinations from {@code sysmon} (see {@link HuntGraphs#processNetwork}). */
    public GraphFrame processNetwork() {
        return HuntGraphs.processNetwork(events("sysmon"));
    }

    /** Logon sessions and their processes from {@code security} and {@code sysmon} (see {@link HuntGraphs#logonProcess}). */
    public GraphFrame logonProcess() {
        return HuntGraphs.logonProcess(events("security"), events("sysmon"));
    }
}
