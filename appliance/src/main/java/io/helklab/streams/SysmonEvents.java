package io.helklab.streams;

import io.helklab.ingest.normalize.EventNormalizer;
import io.helklab.ingest.normalize.NormalizedEvent;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Raw Kafka record values to the Sysmon fields the join needs, by the same pure {@link EventNormalizer} the
 * indexer uses, so the join sees exactly the values hunters see in Elasticsearch.
 *
 * <p>{@link #NORMALIZE} is a Spark UDF: it returns a row of {@link #SCHEMA} for Sysmon process creations
 * (event 1) and network connections (event 3), and null for everything else, including records the normaliser
 * could not route. Stateless and thread-safe; each executor thread shares one normaliser.
 */
final class SysmonEvents {

    static final int PROCESS_CREATE = 1;
    static final int NETWORK_CONNECT = 3;

    /** Fields of both events. Process-create-only fields are null on network rows and vice versa. */
    private static final Object[][] FIELDS = {
            {"document_id", DataTypes.StringType},
            {"event_id", DataTypes.IntegerType},
            {"@timestamp", DataTypes.TimestampType},
            {"host_name", DataTypes.StringType},
            {"process_guid", DataTypes.StringType},
            {"process_id", DataTypes.LongType},
            {"process_path", DataTypes.StringType},
            {"process_name", DataTypes.StringType},
            {"user_account", DataTypes.StringType},
            {"user_domain", DataTypes.StringType},
            {"user_name", DataTypes.StringType},
            // process creation
            {"process_command_line", DataTypes.StringType},
            {"process_current_directory", DataTypes.StringType},
            {"process_integrity_level", DataTypes.StringType},
            {"process_parent_guid", DataTypes.StringType},
            {"process_parent_id", DataTypes.LongType},
            {"process_parent_path", DataTypes.StringType},
            {"process_parent_name", DataTypes.StringType},
            {"process_parent_command_line", DataTypes.StringType},
            {"user_logon_guid", DataTypes.StringType},
            {"user_logon_id", DataTypes.LongType},
            {"user_session_id", DataTypes.LongType},
            {"hash_md5", DataTypes.StringType},
            {"hash_sha1", DataTypes.StringType},
            {"hash_sha256", DataTypes.StringType},
            {"hash_imphash", DataTypes.StringType},
            {"file_description", DataTypes.StringType},
            {"file_product", DataTypes.StringType},
            {"file_company", DataTypes.StringType},
            // network connection
            {"network_protocol", DataTypes.StringType},
            {"network_initiated", DataTypes.BooleanType},
            {"src_ip_addr", DataTypes.StringType},
            {"src_host_name", DataTypes.StringType},
            {"src_port", DataTypes.IntegerType},
            {"src_port_name", DataTypes.StringType},
            {"src_is_ipv6", DataTypes.BooleanType},
            {"dst_ip_addr", DataTypes.StringType},
            {"dst_host_name", DataTypes.StringType},
            {"dst_port", DataTypes.IntegerType},
            {"dst_port_name", DataTypes.StringType},
            {"dst_is_ipv6", DataTypes.BooleanType},
    };

    static final StructType SCHEMA = schema();

    /** The normalising UDF; see the class comment. */
    static final UDF1<byte[], Row> NORMALIZE = SysmonEvents::normalize;

    private static final class Holder {
        static final EventNormalizer NORMALIZER = new EventNormalizer(Clock.systemUTC());
    }

    private SysmonEvents() {
    }

    private static StructType schema() {
        StructType schema = new StructType();
        for (Object[] field : FIELDS) {
            schema = schema.add(new StructField((String) field[0], (DataType) field[1], true,
                    Metadata.empty()));
        }
        return schema;
    }

    static Row normalize(byte[] value) {
        NormalizedEvent event = Holder.NORMALIZER.normalize(value);
        if (!"sysmon".equals(event.channel()) || event.reason() != null) {
            return null;
        }
        Map<String, Object> fields = event.fields();
        Object eventId = fields.get("event_id");
        if (!(eventId instanceof Number number)
                || (number.intValue() != PROCESS_CREATE && number.intValue() != NETWORK_CONNECT)) {
            return null;
        }
        Object[] values = new Object[FIELDS.length];
        for (int i = 0; i < FIELDS.length; i++) {
            String name = (String) FIELDS[i][0];
            values[i] = switch (name) {
                case "document_id" -> event.id();
                case "@timestamp" -> Timestamp.from(Instant.parse((String) fields.get("@timestamp")));
                default -> convert(fields.get(name), (DataType) FIELDS[i][1]);
            };
        }
        return RowFactory.create(values);
    }

    /** The normaliser writes typed JSON (numbers, booleans, strings); anything else is left out. */
    private static Object convert(Object value, DataType type) {
        if (value == null) {
            return null;
        }
        if (type == DataTypes.StringType) {
            return value instanceof String ? value : value.toString();
        }
        if (type == DataTypes.LongType) {
            return value instanceof Number number ? number.longValue() : null;
        }
        if (type == DataTypes.IntegerType) {
            return value instanceof Number number ? number.intValue() : null;
        }
        if (type == DataTypes.BooleanType) {
            return value instanceof Boolean ? value : null;
        }
        return null;
    }
}
