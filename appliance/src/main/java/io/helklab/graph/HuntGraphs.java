package io.helklab.graph;

import static io.helklab.graph.HelkColumns.earliestPerKey;
import static io.helklab.graph.HelkColumns.guid;
import static io.helklab.graph.HelkColumns.optionalLong;
import static io.helklab.graph.HelkColumns.optionalString;
import static io.helklab.graph.HelkColumns.require;
import static io.helklab.graph.HelkColumns.time;
import static io.helklab.graph.HelkColumns.withEventId;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.graphframes.GraphFrame;

/**
 * Ready-made hunt graphs, as GraphFrames, from HELK-normalised event Datasets (field names as in SCHEMA.md, for example the
 * {@code logs-endpoint-winevent-sysmon-*} index read through elasticsearch-spark). Optional columns may be absent
 * (their attributes become null); a missing required column throws {@link IllegalArgumentException} naming it.
 *
 * <p>Everything is lazy: the methods build Spark plans and run nothing. Replayed duplicates of an event collapse
 * into one vertex (the earliest by {@code @timestamp}). GUIDs lose the braces raw Sysmon writes around them.
 * Stateless and thread-safe.
 */
public final class HuntGraphs {

    private HuntGraphs() {
    }

    /**
     * A GraphFrame over vertices with an {@code id} column and edges with {@code src} and {@code dst} columns.
     *
     * @throws IllegalArgumentException naming the missing column, the columns present and a fix
     */
    public static GraphFrame graph(Dataset<Row> vertices, Dataset<Row> edges) {
        if (vertices == null || edges == null) {
            throw new IllegalArgumentException("A graph needs both a vertices and an edges Dataset; got vertices="
                    + (vertices == null ? "null" : "present") + ", edges=" + (edges == null ? "null" : "present") + ".");
        }
        requireGraphColumn(vertices, "vertices", GraphFrame.ID());
        requireGraphColumn(edges, "edges", GraphFrame.SRC());
        requireGraphColumn(edges, "edges", GraphFrame.DST());
        return GraphFrame.apply(vertices, edges);
    }

    private static void requireGraphColumn(Dataset<Row> frame, String role, String name) {
        if (!Arrays.asList(frame.columns()).contains(name)) {
            throw new IllegalArgumentException("The " + role + " Dataset has no '" + name + "' column, which GraphFrames"
                    + " needs; it has " + Arrays.toString(frame.columns()) + ". Rename the column that holds it, for"
                    + " example " + role + ".withColumnRenamed(\"process_guid\", \"" + name + "\").");
        }
    }

    /**
     * The process tree from Sysmon process creations ({@code event_id = 1}).
     *
     * <p>Vertices: {@code id} (process GUID), {@code process_name}, {@code process_path},
     * {@code process_command_line}, {@code process_id}, {@code user_name}, {@code host_name}, {@code time}. A parent
     * never seen being created becomes a vertex described by its child's {@code process_parent_*} fields (null
     * user and time), so chains reach back to it. Edges: {@code src} parent GUID, {@code dst} child GUID,
     * {@code time} of the creation; a parent GUID of all zeros (no known parent) gives no edge.
     *
     * <p>HELK's lineage hunt reads unchanged: {@code processTree(sysmon).find("(a)-[]->(b); (b)-[]->(c)")}; {@link
     * Motifs#find} runs the same with errors that explain how GraphFrames wants a motif written.
     */
    public static GraphFrame processTree(Dataset<Row> sysmon) {
        Dataset<Row> creations = processCreations(sysmon);
        Dataset<Row> processes = creations.select(processColumns());
        Column knownParent = col("#parent_guid").isNotNull().and(col("#parent_guid").notEqual(HelkColumns.ZERO_GUID));
        Dataset<Row> unseenParents = earliestPerKey(creations.where(knownParent)
                        .select(col("#parent_guid").as("id"), col("#parent_name").as("process_name"),
                                col("#parent_path").as("process_path"),
                                col("#parent_command_line").as("process_command_line"),
                                col("#parent_process_id").as("process_id"),
                                lit(null).cast(DataTypes.StringType).as("user_name"), col("host_name"),
                                col("time").as("#child_time")),
                "id", "#child_time")
                .join(processes.select("id"), "id", "left_anti")
                .withColumn("time", lit(null).cast(DataTypes.TimestampType))
                .drop("#child_time");
        Dataset<Row> edges = creations.where(knownParent)
                .select(col("#parent_guid").as("src"), col("id").as("dst"), col("time"));
        return GraphFrame.apply(processes.unionByName(unseenParents), edges);
    }

    /**
     * Processes and the endpoints they talked to, from Sysmon network connections ({@code event_id = 3}).
     *
     * <p>Vertices have a {@code type}: {@code "process"} ({@code id} = process GUID, {@code process_name},
     * {@code process_path}, {@code process_id}, {@code user_name}, {@code host_name}) or {@code "destination"}
     * ({@code id} = {@code ip:port}, IPv6 as {@code [ip]:port}, with {@code dst_ip_addr}, {@code dst_port},
     * {@code dst_host_name}). Edges, one per process, destination, protocol and direction: {@code src},
     * {@code dst}, {@code network_protocol}, {@code network_initiated}, {@code count} (connections),
     * {@code time} (first) and {@code last_time}. Inbound connections ({@code network_initiated = false}) point at
     * the local endpoint, as Sysmon records them; {@code filterEdges("network_initiated")} keeps outbound ones.
     */
    public static GraphFrame processNetwork(Dataset<Row> sysmon) {
        Dataset<Row> events = withEventId(sysmon, "Sysmon", 3);
        require(events, "Sysmon network-connection", "process_guid", "dst_ip_addr");
        Column address = optionalString(events, "dst_ip_addr");
        Column host = when(address.contains(":"), concat(lit("["), address, lit("]"))).otherwise(address);
        Column port = optionalLong(events, "dst_port");
        Dataset<Row> connections = events.select(guid(events, "process_guid").as("process_guid"),
                        optionalString(events, "process_name").as("process_name"),
                        optionalString(events, "process_path").as("process_path"),
                        optionalLong(events, "process_id").as("process_id"),
                        optionalString(events, "user_name").as("user_name"),
                        optionalString(events, "host_name").as("host_name"),
                        coalesce(concat(host, lit(":"), port.cast(DataTypes.StringType)), host).as("destination"),
                        address.as("dst_ip_addr"), port.as("dst_port"),
                        optionalString(events, "dst_host_name").as("dst_host_name"),
                        optionalString(events, "network_protocol").as("network_protocol"),
                        HelkColumns.optional(events, "network_initiated", DataTypes.BooleanType).as("network_initiated"),
                        time(events).as("time"))
                .where(col("process_guid").isNotNull().and(col("dst_ip_addr").isNotNull()));
        Dataset<Row> processes = earliestPerKey(connections, "process_guid", "time")
                .select(col("process_guid").as("id"), lit("process").as("type"), col("process_name"),
                        col("process_path"), col("process_id"), col("user_name"), col("host_name"));
        Dataset<Row> destinations = connections.groupBy(col("destination").as("id"))
                .agg(max("dst_ip_addr").as("dst_ip_addr"), max("dst_port").as("dst_port"),
                        max("dst_host_name").as("dst_host_name"))
                .withColumn("type", lit("destination"));
        Dataset<Row> edges = connections
                .groupBy(col("process_guid").as("src"), col("destination").as("dst"), col("network_protocol"),
                        col("network_initiated"))
                .agg(count(lit(1)).as("count"), min("time").as("time"), max("time").as("last_time"));
        return GraphFrame.apply(processes.unionByName(destinations, true), edges);
    }

    /**
     * Logon sessions and the processes started in them: Security successful logons ({@code event_id = 4624})
     * joined to Sysmon process creations ({@code event_id = 1}) on {@code user_logon_id} and {@code host_name}.
     *
     * <p>Vertices have a {@code type}: {@code "logon"} ({@code id} = {@code logon:<host>:<logon id>} with the host
     * in lower case; {@code user_logon_id}, {@code user_name}, {@code host_name}, {@code src_ip_addr},
     * {@code logon_type}, {@code time}) or {@code "process"} ({@code id} = process GUID with the process tree's
     * attributes plus {@code user_logon_id}). Every logon and every process creation is a vertex; edges
     * ({@code src} logon, {@code dst} process, {@code time} of the creation) exist where both sides are present.
     * Logon ids are compared as numbers, as HELK stores them.
     */
    public static GraphFrame logonProcess(Dataset<Row> security, Dataset<Row> sysmon) {
        Dataset<Row> logonEvents = withEventId(security, "Security", 4624);
        require(logonEvents, "Security logon", "user_logon_id", "host_name");
        Dataset<Row> logons = earliestPerKey(logonEvents.select(
                                logonVertexId(logonEvents.col("host_name"), optionalLong(logonEvents, "user_logon_id"))
                                        .as("id"),
                                lit("logon").as("type"),
                                optionalLong(logonEvents, "user_logon_id").as("user_logon_id"),
                                optionalString(logonEvents, "user_name").as("user_name"),
                                optionalString(logonEvents, "host_name").as("host_name"),
                                optionalString(logonEvents, "src_ip_addr").as("src_ip_addr"),
                                optionalLong(logonEvents, "logon_type").as("logon_type"),
                                time(logonEvents).as("time"))
                        .where(col("id").isNotNull()),
                "id", "time");
        Dataset<Row> creations = processCreations(sysmon);
        Dataset<Row> processes = creations.select(
                processColumns(lit("process").as("type"), col("#user_logon_id").as("user_logon_id")));
        Dataset<Row> edges = creations
                .select(logonVertexId(col("host_name"), col("#user_logon_id")).as("src"), col("id").as("dst"),
                        col("time"))
                .join(logons.select(col("id").as("#logon")), col("src").equalTo(col("#logon")), "left_semi");
        return GraphFrame.apply(logons.unionByName(processes, true), edges);
    }

    /** Process creations, one row per GUID, with the vertex columns and '#'-prefixed working columns. */
    private static Dataset<Row> processCreations(Dataset<Row> sysmon) {
        Dataset<Row> events = withEventId(sysmon, "Sysmon", 1);
        require(events, "Sysmon process-creation", "process_guid");
        Dataset<Row> rows = events.select(guid(events, "process_guid").as("id"),
                        optionalString(events, "process_name").as("process_name"),
                        optionalString(events, "process_path").as("process_path"),
                        optionalString(events, "process_command_line").as("process_command_line"),
                        optionalLong(events, "process_id").as("process_id"),
                        optionalString(events, "user_name").as("user_name"),
                        optionalString(events, "host_name").as("host_name"),
                        time(events).as("time"),
                        guid(events, "process_parent_guid").as("#parent_guid"),
                        optionalString(events, "process_parent_name").as("#parent_name"),
                        optionalString(events, "process_parent_path").as("#parent_path"),
                        optionalString(events, "process_parent_command_line").as("#parent_command_line"),
                        optionalLong(events, "process_parent_id").as("#parent_process_id"),
                        optionalLong(events, "user_logon_id").as("#user_logon_id"))
                .where(col("id").isNotNull());
        return earliestPerKey(rows, "id", "time");
    }

    private static Column[] processColumns(Column... extraColumns) {
        return Stream.concat(Stream.of(col("id"), col("process_name"), col("process_path"),
                                col("process_command_line"), col("process_id"), col("user_name"), col("host_name"),
                                col("time")),
                        Stream.of(extraColumns))
                .toArray(Column[]::new);
    }

    /** Logon ids are unique per host only, so the host is part of the session's vertex id. */
    private static Column logonVertexId(Column hostName, Column logonId) {
        return concat(lit("logon:"), lower(hostName), lit(":"), logonId.cast(DataTypes.StringType));
    }
}
