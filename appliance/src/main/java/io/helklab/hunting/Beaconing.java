package io.helklab.hunting;

import static io.helklab.hunting.HuntColumns.evidence;
import static io.helklab.graph.HelkColumns.optional;
import static io.helklab.hunting.HuntColumns.ranked;
import static io.helklab.hunting.HuntColumns.string;
import static io.helklab.hunting.HuntColumns.time;
import static io.helklab.hunting.HuntColumns.withEventId;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log10;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.stddev_pop;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Beaconing: per process (host and image path) and destination ({@code dst_ip_addr}, {@code dst_port}), how regular
 * the intervals between its network connections (Sysmon event 3) are. An implant calling home on a timer has a
 * small deviation against its mean interval (low jitter) and many connections; people browsing do not.
 *
 * <p>Keyed by image path rather than process GUID, so that a program a scheduled task starts afresh each time
 * still forms one series. Well-known Windows services are periodic too (Group Policy refresh against the domain
 * controller, Windows Update, Defender signature checks): they rank high and are explained by their image path
 * and destination, which is why every row names both.
 *
 * <p>The table is a lazy Spark plan. Replayed duplicates of a connection count once. Stateless and thread-safe.
 */
public final class Beaconing {

    /** Series with fewer connections have too few intervals for their regularity to mean anything. */
    public static final int DEFAULT_MINIMUM_CONNECTIONS = 6;

    private Beaconing() {
    }

    /** {@link #series(Dataset, int)} with {@link #DEFAULT_MINIMUM_CONNECTIONS}. */
    public static Dataset<Row> series(Dataset<Row> sysmon) {
        return series(sysmon, DEFAULT_MINIMUM_CONNECTIONS);
    }

    /**
     * The connection series, most periodic first.
     *
     * @param sysmon             HELK-normalised Sysmon events (only network connections are read)
     * @param minimumConnections series with fewer connections are left out; at least 3
     * @return {@code rank}, {@code host_name}, {@code process_path}, {@code dst_ip_addr}, {@code dst_port},
     *     {@code dst_host_name}, {@code connections}, {@code processes} (distinct GUIDs), {@code first_seen},
     *     {@code last_seen}, {@code mean_interval_seconds}, {@code median_interval_seconds},
     *     {@code stddev_interval_seconds}, {@code jitter} (deviation / mean), {@code score}
     *     ({@code (1 - min(jitter, 1)) * log10(connections)}), {@code reason} and {@code events}
     * @throws IllegalArgumentException when the events lack {@code event_id} or {@code dst_ip_addr}, or
     *                                  {@code minimumConnections} is below 3
     */
    public static Dataset<Row> series(Dataset<Row> sysmon, int minimumConnections) {
        if (minimumConnections < 3) {
            throw new IllegalArgumentException("Beaconing needs at least 3 connections per series (2 intervals) to"
                    + " measure regularity; got " + minimumConnections + ". The default is "
                    + DEFAULT_MINIMUM_CONNECTIONS + ".");
        }
        Dataset<Row> events = withEventId(sysmon, "The beaconing hunt", 3, "dst_ip_addr");
        Column path = lower(string(events, "process_path"));
        Dataset<Row> connections = events.select(time(events).as("time"),
                        lower(string(events, "host_name")).as("host_name"),
                        coalesce(path, lower(string(events, "process_name"))).as("process_path"),
                        lower(string(events, "process_guid")).as("process_guid"),
                        string(events, "dst_ip_addr").as("dst_ip_addr"),
                        optional(events, "dst_port", DataTypes.LongType).as("dst_port"),
                        lower(string(events, "dst_host_name")).as("dst_host_name"),
                        string(events, "src_ip_addr").as("src_ip_addr"),
                        optional(events, "src_port", DataTypes.LongType).as("src_port"))
                .where(col("time").isNotNull().and(col("dst_ip_addr").isNotNull()))
                .dropDuplicates("time", "process_guid", "dst_ip_addr", "dst_port", "src_port");
        Column[] key = {col("host_name"), col("process_path"), col("dst_ip_addr"), col("dst_port")};
        Column previous = lag(col("time"), 1).over(Window.partitionBy(key).orderBy("time"));
        Column gap = col("time").cast(DataTypes.DoubleType).minus(previous.cast(DataTypes.DoubleType));
        Dataset<Row> series = connections.withColumn("interval", gap)
                .groupBy(key)
                .agg(count(lit(1)).as("connections"), countDistinct("process_guid").as("processes"),
                        max("dst_host_name").as("dst_host_name"), min("time").as("first_seen"),
                        max("time").as("last_seen"), avg("interval").as("mean_interval_seconds"),
                        percentile_approx(col("interval"), lit(0.5), lit(10_000)).as("median_interval_seconds"),
                        stddev_pop("interval").as("stddev_interval_seconds"),
                        evidence(col("time"), col("process_guid"), col("src_ip_addr"), col("src_port"),
                                col("dst_ip_addr"), col("dst_port")))
                .where(col("connections").geq(minimumConnections).and(col("mean_interval_seconds").gt(0)));
        Dataset<Row> scored = series
                .withColumn("jitter", col("stddev_interval_seconds").divide(col("mean_interval_seconds")))
                .withColumn("score", lit(1).minus(least(col("jitter"), lit(1.0)))
                        .multiply(log10(col("connections").cast(DataTypes.DoubleType))))
                .withColumn("reason", format_string("%d connections from %s on %s to %s:%d (%s) every %.0f s on"
                                + " average (median %.0f s, deviation %.0f s, jitter %.1f%%) between %s and %s,"
                                + " by %d process(es)",
                        col("connections"), col("process_path"), col("host_name"), col("dst_ip_addr"),
                        col("dst_port"), coalesce(col("dst_host_name"), lit("no name")), col("mean_interval_seconds"),
                        col("median_interval_seconds"), col("stddev_interval_seconds"),
                        col("jitter").multiply(100), col("first_seen").cast(DataTypes.StringType),
                        col("last_seen").cast(DataTypes.StringType), col("processes")));
        return ranked(scored.select("host_name", "process_path", "dst_ip_addr", "dst_port", "dst_host_name",
                        "connections", "processes", "first_seen", "last_seen", "mean_interval_seconds",
                        "median_interval_seconds", "stddev_interval_seconds", "jitter", "score", "reason", "events"),
                col("score").desc(), col("jitter").asc(), col("host_name").asc(), col("process_path").asc(),
                col("dst_ip_addr").asc(), col("dst_port").asc());
    }
}
