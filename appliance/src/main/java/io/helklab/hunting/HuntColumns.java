package io.helklab.hunting;

import static io.helklab.graph.HelkColumns.optional;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/** Reading HELK-normalised events (SCHEMA.md) and shaping the ranked tables every hunting method returns. */
final class HuntColumns {

    /** How many of the events behind a row its {@code events} column holds, earliest first. */
    static final int EVENTS_PER_ROW = 100;

    private HuntColumns() {
    }

    /** The events with {@code event_id}, whether the column holds numbers or strings; fails when it is missing. */
    static Dataset<Row> withEventId(Dataset<Row> events, String method, int eventId, String... required) {
        require(events, method, "event_id");
        Dataset<Row> matching = events.where(col("event_id").cast(DataTypes.IntegerType).equalTo(eventId));
        require(matching, method, required);
        return matching;
    }

    private static void require(Dataset<Row> events, String method, String... names) {
        List<String> present = Arrays.asList(events.columns());
        for (String name : names) {
            if (!present.contains(name)) {
                throw new IllegalArgumentException(method + " needs a '" + name + "' column, which the events do not"
                        + " have; they have " + present + ". Pass HELK-normalised Sysmon events, for example"
                        + " lab.events(\"sysmon\").");
            }
        }
    }

    static Column string(Dataset<Row> events, String name) {
        return optional(events, name, DataTypes.StringType);
    }

    /** The event time from {@code @timestamp} (a timestamp or an ISO-8601 string). */
    static Column time(Dataset<Row> events) {
        return optional(events, "@timestamp", DataTypes.TimestampType);
    }

    /**
     * The aggregate for a row's {@code events} column: the first {@link #EVENTS_PER_ROW} of its events, earliest
     * first, each a struct of {@code fields} (the first field must be the time, which orders them).
     */
    static Column evidence(Column... fields) {
        return slice(array_sort(collect_list(struct(fields))), 1, EVENTS_PER_ROW).as("events");
    }

    /**
     * The rows with a {@code rank} column (1 = most worth a look) in front, ordered by rank. The tables ranked here
     * are aggregates (one row per pair, command line or connection series), small enough for one partition.
     */
    static Dataset<Row> ranked(Dataset<Row> rows, Column... order) {
        Dataset<Row> withRank = rows.withColumn("rank", row_number().over(Window.orderBy(order)));
        String[] rest = Arrays.stream(rows.columns()).filter(name -> !name.equals("rank")).toArray(String[]::new);
        Column[] columns = new Column[rest.length + 1];
        columns[0] = col("rank");
        for (int index = 0; index < rest.length; index++) {
            columns[index + 1] = col("`" + rest[index] + "`");
        }
        return withRank.select(columns).orderBy("rank");
    }
}
