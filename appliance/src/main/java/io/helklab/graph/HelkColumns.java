package io.helklab.graph;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reading HELK-normalised event columns (SCHEMA.md) that may be absent or typed loosely, for the graphs and the
 * hunting methods. Stateless.
 */
public final class HelkColumns {

    /** Sysmon's parent GUID for processes whose parent it never saw, such as System's. */
    static final String ZERO_GUID = "00000000-0000-0000-0000-000000000000";

    private HelkColumns() {
    }

    /** Fails with the columns present when a column the graph cannot do without is missing. */
    static void require(Dataset<Row> events, String role, String... names) {
        List<String> present = Arrays.asList(events.columns());
        for (String name : names) {
            if (!present.contains(name)) {
                throw new IllegalArgumentException("The " + role + " events have no '" + name + "' column, which this "
                        + "graph needs; they have " + present + ". Pass HELK-normalised events (see SCHEMA.md), for "
                        + "example the logs-endpoint-winevent-* indices read through elasticsearch-spark.");
            }
        }
    }

    /** The column cast to {@code type}, or a typed null when the events do not have it. */
    public static Column optional(Dataset<Row> events, String name, DataType type) {
        if (Arrays.asList(events.columns()).contains(name)) {
            return events.col("`" + name.replace("`", "``") + "`").cast(type);
        }
        return lit(null).cast(type);
    }

    static Column optionalString(Dataset<Row> events, String name) {
        return optional(events, name, DataTypes.StringType);
    }

    static Column optionalLong(Dataset<Row> events, String name) {
        return optional(events, name, DataTypes.LongType);
    }

    /** The event time from {@code @timestamp} (a timestamp or an ISO-8601 string). */
    static Column time(Dataset<Row> events) {
        return optional(events, "@timestamp", DataTypes.TimestampType);
    }

    /** A GUID without the braces raw Sysmon puts around it, so raw and HELK-normalised GUIDs match. */
    static Column guid(Dataset<Row> events, String name) {
        return regexp_replace(optionalString(events, name), "[{}]", "");
    }

    /** Rows whose {@code event_id} equals {@code eventId}, whether the column holds numbers or strings. */
    static Dataset<Row> withEventId(Dataset<Row> events, String role, int eventId) {
        require(events, role, "event_id");
        return events.where(col("event_id").cast(DataTypes.IntegerType).equalTo(eventId));
    }

    /** One row per {@code key}: its earliest by {@code time}; replayed duplicates of an event collapse into one. */
    static Dataset<Row> earliestPerKey(Dataset<Row> rows, String key, String time) {
        return rows.withColumn("#rank", row_number().over(Window.partitionBy(col(key))
                        .orderBy(col(time).asc_nulls_last())))
                .where(col("#rank").equalTo(1))
                .drop("#rank");
    }
}
