package io.helklab.hunting;

import static io.helklab.hunting.HuntColumns.evidence;
import static io.helklab.hunting.HuntColumns.ranked;
import static io.helklab.hunting.HuntColumns.string;
import static io.helklab.hunting.HuntColumns.time;
import static io.helklab.hunting.HuntColumns.withEventId;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log10;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Stacking process creations (Sysmon event 1) by frequency, the classic "least frequent first" hunt: parent → child
 * process pairs, and processes per host. Rare is relative to the events given, so pass the window you hunt in (a
 * day, a week) and, for a baseline, enough of it.
 *
 * <p>Both tables are lazy Spark plans; nothing runs until the caller asks for rows. Replayed duplicates of a
 * process creation count once (one row per process GUID). Stateless and thread-safe.
 */
public final class RareProcesses {

    private RareProcesses() {
    }

    /**
     * Parent → child process pairs by how rarely they occur.
     *
     * @param sysmon HELK-normalised Sysmon events (only process creations are read)
     * @return one row per (parent, child) process name, rarest first: {@code rank}, {@code parent_process_name},
     *     {@code process_name}, {@code pair_count}, {@code frequency} (share of all creations), {@code score}
     *     ({@code -log10(frequency)}, higher is rarer), {@code hosts} and {@code users} that saw the pair,
     *     {@code parent_total} and {@code parent_child_kinds} (how many processes and how many kinds the parent
     *     started), {@code child_total} and {@code child_parent_kinds}, {@code reason} and {@code events} (the
     *     creations behind the row, earliest first)
     * @throws IllegalArgumentException when the events lack {@code event_id} or {@code process_guid}
     */
    public static Dataset<Row> pairs(Dataset<Row> sysmon) {
        Dataset<Row> creations = creations(sysmon, "The rare process pairs hunt");
        Dataset<Row> pairs = creations.groupBy("parent_process_name", "process_name")
                .agg(count(lit(1)).as("pair_count"), countDistinct("host_name").as("hosts"),
                        countDistinct("user_name").as("users"), creationEvents());
        Dataset<Row> parents = creations.groupBy("parent_process_name")
                .agg(count(lit(1)).as("parent_total"), countDistinct("process_name").as("parent_child_kinds"));
        Dataset<Row> children = creations.groupBy("process_name")
                .agg(count(lit(1)).as("child_total"), countDistinct("parent_process_name").as("child_parent_kinds"));
        Dataset<Row> hosts = creations.agg(countDistinct("host_name").as("all_hosts"));
        Column total = sum("pair_count").over(Window.partitionBy());
        Dataset<Row> scored = pairs.join(parents, "parent_process_name").join(children, "process_name")
                .crossJoin(hosts)
                .withColumn("all_creations", total)
                .withColumn("frequency", col("pair_count").divide(col("all_creations")))
                .withColumn("score", log10(col("frequency")).multiply(-1))
                .withColumn("reason", format_string("%s started %s %d time(s) in %d process creations (%.3f%%), on %d"
                                + " of %d hosts; %s started %d processes of %d kinds; %s was started %d time(s) by %d"
                                + " kind(s) of parent",
                        col("parent_process_name"), col("process_name"), col("pair_count"), col("all_creations"),
                        col("frequency").multiply(100), col("hosts"), col("all_hosts"), col("parent_process_name"),
                        col("parent_total"), col("parent_child_kinds"), col("process_name"), col("child_total"),
                        col("child_parent_kinds")));
        return ranked(scored.select("parent_process_name", "process_name", "pair_count", "frequency", "score",
                        "hosts", "users", "parent_total", "parent_child_kinds", "child_total", "child_parent_kinds",
                        "reason", "events"),
                col("score").desc(), col("hosts").asc(), col("child_total").asc(), col("parent_total").asc(),
                col("parent_process_name").asc(), col("process_name").asc());
    }

    /**
     * Processes (by path) per host by how rarely they run there and how few other hosts run them.
     *
     * @param sysmon HELK-normalised Sysmon events (only process creations are read)
     * @return one row per (host, process path), rarest first: {@code rank}, {@code host_name}, {@code process_path},
     *     {@code executions}, {@code host_total} (creations on that host), {@code hosts_with_path},
     *     {@code all_hosts}, {@code score} ({@code -log10(executions / host_total) + log10(all_hosts /
     *     hosts_with_path)}), {@code reason} and {@code events}
     * @throws IllegalArgumentException when the events lack {@code event_id} or {@code process_guid}
     */
    public static Dataset<Row> perHost(Dataset<Row> sysmon) {
        Dataset<Row> creations = creations(sysmon, "The rare processes hunt");
        Dataset<Row> perHost = creations.groupBy("host_name", "process_path")
                .agg(count(lit(1)).as("executions"), creationEvents());
        Dataset<Row> hostTotals = creations.groupBy("host_name").agg(count(lit(1)).as("host_total"));
        Dataset<Row> pathHosts = creations.groupBy("process_path").agg(countDistinct("host_name").as("hosts_with_path"));
        Dataset<Row> hosts = creations.agg(countDistinct("host_name").as("all_hosts"));
        Dataset<Row> scored = perHost.join(hostTotals, "host_name").join(pathHosts, "process_path").crossJoin(hosts)
                .withColumn("score", log10(col("executions").divide(col("host_total"))).multiply(-1)
                        .plus(log10(col("all_hosts").divide(col("hosts_with_path")))))
                .withColumn("reason", format_string("%s ran %d time(s) on %s (%.3f%% of its %d process creations);"
                                + " %d of the %d hosts ran it",
                        col("process_path"), col("executions"), col("host_name"),
                        col("executions").multiply(100.0).divide(col("host_total")), col("host_total"),
                        col("hosts_with_path"), col("all_hosts")));
        return ranked(scored.select("host_name", "process_path", "executions", "host_total", "hosts_with_path",
                        "all_hosts", "score", "reason", "events"),
                col("score").desc(), col("executions").asc(), col("host_name").asc(), col("process_path").asc());
    }

    /** One row per process GUID with lower-case names; a name missing from the event is taken from its path. */
    static Dataset<Row> creations(Dataset<Row> sysmon, String method) {
        Dataset<Row> events = withEventId(sysmon, method, 1, "process_guid");
        Column path = lower(string(events, "process_path"));
        Column parentPath = lower(string(events, "process_parent_path"));
        return events.select(time(events).as("time"), lower(string(events, "host_name")).as("host_name"),
                        lower(string(events, "user_name")).as("user_name"),
                        lower(string(events, "process_guid")).as("process_guid"), path.as("process_path"),
                        coalesce(lower(string(events, "process_name")), fileName(path), lit("(unknown)"))
                                .as("process_name"),
                        coalesce(lower(string(events, "process_parent_name")), fileName(parentPath), lit("(unknown)"))
                                .as("parent_process_name"),
                        string(events, "process_command_line").as("process_command_line"),
                        lower(string(events, "process_parent_guid")).as("process_parent_guid"))
                .where(col("process_guid").isNotNull())
                .dropDuplicates("process_guid");
    }

    static Column creationEvents() {
        return evidence(col("time"), col("host_name"), col("user_name"), col("process_guid"),
                col("process_parent_guid"), col("parent_process_name"), col("process_name"), col("process_path"),
                col("process_command_line"));
    }

    private static Column fileName(Column path) {
        Column name = regexp_extract(path, "([^\\\\/]+)$", 1);
        return when(name.notEqual(""), name);
    }
}
