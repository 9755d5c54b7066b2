package io.helklab.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.SharedAppliance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.graphframes.GraphFrame;
import org.graphframes.lib.AggregateMessages;
import org.graphframes.lib.LabelPropagation;
import org.graphframes.lib.Pregel;
import org.graphframes.lib.StronglyConnectedComponents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GraphFrames' algorithms on small graphs whose answers are known, run in the appliance's Spark session. */
class HuntGraphAlgorithmsIT {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("HuntGraphAlgorithmsIT");
    }

    @Test
    void connectedComponentsFindsThreeComponentsAndCheckpointsUnderTheHome() {
        GraphFrame graph = graph(DataTypes.StringType, List.of("a", "b", "c", "d", "e", "f"),
                List.of(List.of("a", "b"), List.of("c", "b"), List.of("d", "e")));

        Map<String, Long> component = column(graph.connectedComponents().run(), "component");

        assertThat(component).containsOnlyKeys("a", "b", "c", "d", "e", "f");
        assertThat(component.get("b")).isEqualTo(component.get("a")).isEqualTo(component.get("c"));
        assertThat(component.get("e")).isEqualTo(component.get("d"));
        assertThat(component.values().stream().distinct()).hasSize(3);
        Path home = SharedAppliance.get().config().home().toAbsolutePath();
        assertThat(spark.sparkContext().getCheckpointDir().get()).contains(home.toString());
    }

    @Test
    void breadthFirstSearchReturnsTheShortestPathOnly() {
        GraphFrame graph = graph(DataTypes.StringType, List.of("explorer", "cmd", "powershell", "whoami", "net"),
                List.of(List.of("explorer", "cmd"), List.of("cmd", "powershell"), List.of("powershell", "whoami"),
                        List.of("cmd", "whoami"), List.of("cmd", "net")));

        List<Row> paths = graph.bfs().fromExpr("id = 'explorer'").toExpr("id = 'whoami'").run().collectAsList();

        assertThat(paths).hasSize(1);
        Row path = paths.get(0);
        assertThat(path.schema().fieldNames()).containsExactly("from", "e0", "v1", "e1", "to");
        assertThat(path.<Row>getAs("v1").<String>getAs("id")).isEqualTo("cmd");
        assertThat(path.<Row>getAs("to").<String>getAs("id")).isEqualTo("whoami");
    }

    @Test
    void pageRankRanksTheHubHighest() {
        GraphFrame graph = graph(DataTypes.StringType, List.of("hub", "s1", "s2", "s3", "s4", "tail"),
                List.of(List.of("s1", "hub"), List.of("s2", "hub"), List.of("s3", "hub"), List.of("s4", "hub"),
                        List.of("s4", "s1"), List.of("tail", "s1")));

        GraphFrame ranked = graph.pageRank().resetProbability(0.15).maxIter(10).run();

        Map<String, Double> rank = column(ranked.vertices(), "pagerank");
        assertThat(rank).hasSize(6);
        assertThat(rank.entrySet().stream().max(Comparator.comparingDouble(Map.Entry::getValue)).orElseThrow().getKey())
                .isEqualTo("hub");
        assertThat(rank.get("s1")).as("s1 has in-edges, s2 none").isGreaterThan(rank.get("s2"));
        Map<String, Double> weightByEdge = ranked.edges().collectAsList().stream()
                .collect(Collectors.toMap(row -> row.getString(0) + "->" + row.getString(1),
                        row -> row.<Double>getAs("weight")));
        assertThat(weightByEdge).containsEntry("s4->hub", 0.5).containsEntry("s1->hub", 1.0).hasSize(6);
    }

    @Test
    void theOtherDocumentedAlgorithmsRunFromJava() {
        GraphFrame cycle = graph(DataTypes.LongType, List.of(1L, 2L, 3L, 4L),
                List.of(List.of(1L, 2L), List.of(2L, 3L), List.of(3L, 1L), List.of(3L, 4L)));

        StronglyConnectedComponents strongly = cycle.stronglyConnectedComponents();
        strongly.maxIter(10);
        Map<Long, Long> strong = column(strongly.run(), "component");
        assertThat(strong.get(1L)).isEqualTo(strong.get(2L)).isEqualTo(strong.get(3L)).isNotEqualTo(strong.get(4L));

        Map<Long, Long> triangles = column(cycle.triangleCount().run(), "count");
        assertThat(triangles).isEqualTo(Map.of(1L, 1L, 2L, 1L, 3L, 1L, 4L, 0L));

        Map<Long, Map<Object, Object>> distances = column(
                cycle.shortestPaths().landmarks(new ArrayList<>(List.of((Object) 4L))).run(), "distances");
        assertThat(distances.get(1L)).containsEntry(4L, 3);

        LabelPropagation communities = cycle.labelPropagation();
        communities.maxIter(5);
        assertThat(column(communities.run(), "label")).hasSize(4);

        Dataset<Row> inDegrees = cycle.aggregateMessages()
                .sendToDst(functions.lit(1))
                .agg(functions.sum(AggregateMessages.msg()).as("received"));
        assertThat(column(inDegrees, "received")).isEqualTo(Map.of(1L, 1L, 2L, 1L, 3L, 1L, 4L, 1L));

        Dataset<Row> hops = cycle.pregel()
                .withVertexColumn("hops", functions.when(functions.col("id").equalTo(1L), 0).otherwise(1000),
                        functions.least(functions.col("hops"), Pregel.msg()))
                .sendMsgToDst(Pregel.src("hops").plus(1))
                .aggMsgs(functions.min(Pregel.msg()))
                .setMaxIter(5)
                .run();
        assertThat(column(hops, "hops")).isEqualTo(Map.of(1L, 0, 2L, 1, 3L, 2, 4L, 3));
    }

    private static GraphFrame graph(DataType idType, List<?> ids, List<List<?>> edges) {
        StructType vertexSchema = new StructType().add("id", idType).add("label", DataTypes.StringType);
        StructType edgeSchema = new StructType().add("src", idType).add("dst", idType);
        List<Row> vertexRows = ids.stream().map(id -> RowFactory.create(id, "vertex " + id)).toList();
        List<Row> edgeRows = edges.stream().map(edge -> RowFactory.create(edge.toArray())).toList();
        return HuntGraphs.graph(spark.createDataFrame(vertexRows, vertexSchema),
                spark.createDataFrame(edgeRows, edgeSchema));
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> column(Dataset<Row> frame, String name) {
        return frame.collectAsList().stream()
                .collect(Collectors.toMap(row -> (K) row.getAs("id"), row -> {
                    Object value = row.getAs(name);
                    return (V) (value instanceof scala.collection.Map<?, ?> map
                            ? scala.jdk.javaapi.CollectionConverters.asJava(map) : value);
                }));
    }
}
