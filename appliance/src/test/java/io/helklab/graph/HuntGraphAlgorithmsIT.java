package io.helklab.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HuntGraphAlgorithmsIT {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("HuntGraphAlgorithmsIT");
    }


    @Test
    void degreesCountEdgesPerVertexLikeGraphFrames() {
        HuntGraph graph = graph(DataTypes.StringType, List.of("a", "b", "c", "lonely"),
                List.of(List.of("a", "b"), List.of("a", "c"), List.of("b", "c"), List.of("a", "b")));

        assertThat(column(graph.outDegrees(), "outDegree")).isEqualTo(Map.of("a", 3, "b", 1));
        assertThat(column(graph.inDegrees(), "inDegree")).isEqualTo(Map.of("b", 2, "c", 2));
        assertThat(column(graph.degrees(), "degree")).isEqualTo(Map.of("a", 3, "b", 3, "c", 2));
    }

    @Test
    void connectedComponentsOfStringIdsFindsThreeComponents() {
        HuntGraph graph = graph(DataTypes.StringType, List.of("a", "b", "c", "d", "e", "f"),
                List.of(List.of("a", "b"), List.of("c", "b"), List.of("d", "e"), List.of("e", "outside")));

        Dataset<Row> components = graph.connectedComponents();

        assertThat(components.columns()).containsExactly("id", "label", "component");
        Map<String, Long> component = column(components, "component");
        assertThat(component).containsOnlyKeys("a", "b", "c", "d", "e", "f");
        assertThat(component.get("b")).isEqualTo(component.get("a")).isEqualTo(component.get("c"));
        assertThat(component.get("e")).isEqualTo(component.get("d"));
        assertThat(component.values().stream().distinct()).hasSize(3);
        assertThat(component.get("f")).isNotEqualTo(component.get("a")).isNotEqualTo(component.get("d"));
    }

    @Test
    void connectedComponentsOfLongIdsUseTheSmallestIdAsTheComponent() {
        HuntGraph graph = graph(DataTypes.LongType, List.of(10L, 20L, 30L, 40L, 50L),
                List.of(List.of(20L, 10L), List.of(30L, 20L), List.of(50L, 40L)));

        Map<Long, Long> component = column(graph.connectedComponents(), "component");

        assertThat(component).isEqualTo(Map.of(10L, 10L, 20L, 10L, 30L, 10L, 40L, 40L, 50L, 40L));
    }

    @Test
    void pageRankRanksTheHubHighestAndWeighsEdgesByOutDegree() {
        HuntGraph graph = graph(DataTypes.StringType, List.of("hub", "s1", "s2", "s3", "s4", "tail"),
                List.of(List.of("s1", "hub"), List.of("s2", "hub"), List.of("s3", "hub"), List.of("s4", "hub"),
                        List.of("s4", "s1"), List.of("tail", "s1")));

        HuntGraph ranked = graph.pageRank(0.15, 10);

        Map<String, Double> rank = column(ranked.vertices(), "pagerank");
        assertThat(rank).hasSize(6);
        assertThat(rank.entrySet().stream().max(Comparator.comparingDouble(Map.Entry::getValue)).orElseThrow().getKey())
                .isEqualTo("hub");
        assertThat(rank.get("s1")).as("s1 has in-edges, s2 none").isGreaterThan(rank.get("s2"));
        assertThat(ranked.edges().columns()).containsExactly("src", "dst", "weight");
        Map<String, Double> weightByEdge = ranked.edges().collectAsList().stream()
                .collect(Collectors.toMap(row -> row.getString(0) + "->" + row.getString(1), row -> row.getDouble(2)));
        assertThat(weightByEdge).containsEntry("s4->hub", 0.5).containsEntry("s1->hub", 1.0).hasSize(6);
    }

    @Test
    void pageRankRejectsNonsenseParameters() {
        HuntGraph graph = graph(DataTypes.StringType, List.of("a"), List.of());
        assertThatThrownBy(() -> graph.pageRank(1.5, 10)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> graph.pageRank(0.15, 0)).hasMessageContaining("at least 1 iteration");
    }

    private static HuntGraph graph(DataType idType, List<?> ids, List<List<?>> edges) {
        StructType vertexSchema = new StructType().add("id", idType).add("label", DataTypes.StringType);
        StructType edgeSchema = new StructType().add("src", idType).add("dst", idType);
        List<Row> vertexRows = ids.stream().map(id -> RowFactory.create(id, "vertex " + id)).toList();
        List<Row> edgeRows = edges.stream().map(edge -> RowFactory.create(edge.toArray())).toList();
        return new HuntGraph(spark.createDataFrame(vertexRows, vertexSchema), spark.createDataFrame(edgeRows, edgeSchema));
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> column(Dataset<Row> frame, String name) {
        return frame.collectAsList().stream()
                .collect(Collectors.toMap(row -> (K) row.getAs("id"), row -> (V) row.getAs(name)));
    }

}
