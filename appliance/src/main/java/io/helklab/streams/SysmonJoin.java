package io.helklab.streams;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.helklab.schema.IndexNames;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * HELK's {@code SYSMON_JOIN}: every Sysmon network connection (event 3) with the process-creation fields (event 1)
 * of the process that made it, joined on {@code process_guid}.
 *
 * <p>Event-time rules (both inputs carry a watermark of {@value #WATERMARK_DELAY}):
 * <ul>
 *   <li>a network connection joins a process creation of the same GUID that happened at most
 *       {@value #CLOCK_SKEW} after it (clock skew between Sysmon's two records) and at most
 *       {@value #PROCESS_RETENTION} before it;</li>
 *   <li>process creations are therefore kept in the join state for {@value #PROCESS_RETENTION} of event time
 *       past the watermark; connections of a process older than that are not joined;</li>
 *   <li>a network connection waits for its process creation until the watermark passes its own time plus
 *       {@value #CLOCK_SKEW}: a creation that arrives later, while the stream's event time has advanced less than
 *       about {@value #WATERMARK_DELAY}, is still joined. After that the connection leaves the state unjoined
 *       (it stays, unenriched, in {@code logs-endpoint-winevent-sysmon-*}).</li>
 * </ul>
 * The global watermark is the minimum of both inputs' (Spark's default policy), so a quiet input holds eviction
 * back rather than dropping the other's rows. Works on batch Datasets too (watermarks are then ignored).
 */
final class SysmonJoin {

    static final String WATERMARK_DELAY = "10 minutes";
    static final String CLOCK_SKEW = "1 minute";
    static final String PROCESS_RETENTION = "24 hours";

    /** Fields only the process creation has; they are taken from it. */
    static final List<String> CREATION_FIELDS = List.of("process_command_line", "process_current_directory",
            "process_integrity_level", "process_parent_guid", "process_parent_id", "process_parent_path",
            "process_parent_name", "process_parent_command_line", "user_logon_guid", "user_logon_id",
            "user_session_id", "hash_md5", "hash_sha1", "hash_sha256", "hash_imphash", "file_description",
            "file_product", "file_company");

    /** The column holding the target index, {@code sysmon-join-YYYY.MM.DD} by the connection's time. */
    static final String INDEX_COLUMN = "join_index";

    private SysmonJoin() {
    }

    /**
     * @param events rows of {@link SysmonEvents#SCHEMA}
     * @return the network connections' fields, the creation fields, {@code process_create_time} and
     *     {@value #INDEX_COLUMN}; {@code document_id} is the connection's, so each connection is one document
     */
    static Dataset<Row> join(Dataset<Row> events) {
        Column[] creationColumns = new Column[CREATION_FIELDS.size() + 2];
        creationColumns[0] = col("process_guid").as("#create_guid");
        creationColumns[1] = col("`@timestamp`").as("process_create_time");
        for (int i = 0; i < CREATION_FIELDS.size(); i++) {
            creationColumns[i + 2] = col(CREATION_FIELDS.get(i));
        }
        Dataset<Row> creations = events.where(col("event_id").equalTo(SysmonEvents.PROCESS_CREATE))
                .where(col("process_guid").isNotNull())
                .select(creationColumns)
                .withWatermark("process_create_time", WATERMARK_DELAY);
        Dataset<Row> connections = events.where(col("event_id").equalTo(SysmonEvents.NETWORK_CONNECT))
                .where(col("process_guid").isNotNull())
                .drop(CREATION_FIELDS.toArray(String[]::new))
                .withWatermark("`@timestamp`", WATERMARK_DELAY);
        Column condition = col("process_guid").equalTo(col("#create_guid"))
                .and(expr("`@timestamp` >= process_create_time - INTERVAL " + CLOCK_SKEW))
                .and(expr("`@timestamp` <= process_create_time + INTERVAL " + PROCESS_RETENTION));
        return connections.join(creations, condition, "inner")
                .drop("#create_guid")
                .withColumn(INDEX_COLUMN, concat(lit(IndexNames.SYSMON_JOIN_PREFIX), date_format(col("`@timestamp`"), "yyyy.MM.dd")));
    }
}
