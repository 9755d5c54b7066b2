package io.helklab.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.graphframes.GraphFrame;
import org.graphframes.InvalidParseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HELK's motifs with GraphFrames on a small hand-built process tree, and how a mistake in a motif is explained. */
class HuntGraphMotifIT {

    private static SparkSession spark;
    /**
     * explorer(p1) -> cmd(p2) -> powershell(p3) -> whoami(p4) -> ghost (not a vertex);
     * p1 -> chrome(p5) twice (two launches); p2 -> net(p6).
     */
    private static GraphFrame tree;
    /** x <-> y, y -> z, z -> z. */
    private static GraphFrame cycles;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("HuntGraphMotifIT");
        StructType vertexSchema = new StructType().add("id", DataTypes.StringType).add("name", DataTypes.StringType);
        StructType edgeSchema = new StructType().add("src", DataTypes.StringType).add("dst", DataTypes.StringType)
                .add("time", DataTypes.IntegerType);
        tree = HuntGraphs.graph(
                frame(vertexSchema, row("p1", "explorer.exe"), row("p2", "cmd.exe"), row("p3", "powershell.exe"),
                        row("p4", "whoami.exe"), row("p5", "chrome.exe"), row("p6", "net.exe")),
                frame(edgeSchema, row("p1", "p2", 1), row("p2", "p3", 2), row("p3", "p4", 3), row("p4", "ghost", 4),
                        row("p1", "p5", 5), row("p1", "p5", 6), row("p2", "p6", 7)));
        cycles = HuntGraphs.graph(
                frame(vertexSchema, row("x", "x"), row("y", "y"), row("z", "z")),
                frame(edgeSchema, row("x", "y", 1), row("y", "x", 2), row("y", "z", 3), row("z", "z", 4)));
    }


    @Test
    void lineageMotifReturnsExactlyTheTwoStepChains() {
        Dataset<Row> chains = tree.find("(a)-[]->(b); (b)-[]->(c)");

        assertThat(chains.columns()).containsExactly("a", "b", "c");
        // p3 -> p4 -> ghost is no chain: a named vertex must be a vertex.
        assertThat(ids(chains, "a", "b", "c")).containsExactlyInAnyOrder(
                List.of("p1", "p2", "p3"), List.of("p1", "p2", "p6"), List.of("p2", "p3", "p4"));
    }

    @Test
    void namedElementsAreStructsWithAllTheirAttributes() {
        Dataset<Row> result = tree.find("(a)-[e]->(b); (b)-[e2]->(c)").where("c.name = 'whoami.exe'");

        assertThat(result.columns()).containsExactly("a", "e", "b", "e2", "c");
        assertThat(result.schema().apply("a").dataType()).isEqualTo(tree.vertices().schema());
        assertThat(result.schema().apply("e").dataType()).isEqualTo(tree.edges().schema());
        Row row = result.first();
        assertThat(row.<Row>getAs("a").<String>getAs("name")).isEqualTo("cmd.exe");
        Row edge = row.getAs("e2");
        assertThat(List.of(edge.getAs("src"), edge.getAs("dst"), edge.getAs("time"))).containsExactly("p3", "p4", 3);
    }

    @Test
    void anonymousVerticesNeedNotBeVerticesAndParallelEdgesAreSeparateRows() {
        Dataset<Row> outEdges = tree.find("(a)-[]->()");

        assertThat(outEdges.count()).as("one row per edge").isEqualTo(7);
        assertThat(outEdges.where("a.id = 'p4'").count()).as("p4 -> ghost").isEqualTo(1);
        assertThat(tree.find("(a)-[e]->(b)").where("b.id = 'p5'").count()).isEqualTo(2);
    }

    @Test
    void tripletsAreSourceEdgeDestination() {
        Dataset<Row> triplets = cycles.triplets();

        assertThat(triplets.columns()).containsExactly("src", "edge", "dst");
        assertThat(triplets.count()).isEqualTo(4);
    }

    @Test
    void aRepeatedNameJoinsTheTermsIntoCycles() {
        Dataset<Row> twoCycles = cycles.find("(a)-[]->(b); (b)-[]->(a)");

        assertThat(twoCycles.columns()).containsExactly("a", "b");
        // The self-loop satisfies both terms with a = b, as in GraphFrames.
        assertThat(ids(twoCycles, "a", "b"))
                .containsExactlyInAnyOrder(List.of("x", "y"), List.of("y", "x"), List.of("z", "z"));
        assertThat(ids(cycles.find("(a)-[e]->(a)"), "a")).containsExactly(List.of("z"));
    }

    @Test
    void negatedTermKeepsRowsWithoutTheEdgeLikeGraphFramesDoes() {
        Dataset<Row> leaves = tree.find("(a)-[]->(b); !(b)-[]->()");

        // p4 has an edge to a non-vertex, so it is no leaf; the two p1 -> p5 edges give one row (distinct).
        assertThat(ids(leaves, "a", "b")).containsExactlyInAnyOrder(List.of("p1", "p5"), List.of("p2", "p6"));
    }

    @Test
    void aVertexNamedOnlyInANegatedTermRangesOverAllVertices() {
        Dataset<Row> unconnectedPairs = cycles.find("!(a)-[]->(b)");

        assertThat(unconnectedPairs.columns()).containsExactly("a", "b");
        assertThat(ids(unconnectedPairs, "a", "b")).containsExactlyInAnyOrder(
                List.of("x", "x"), List.of("x", "z"), List.of("y", "y"), List.of("z", "x"), List.of("z", "y"));
        assertThat(ids(cycles.find("(a)-[]->(b); !(b)-[]->(a)"), "a", "b"))
                .containsExactly(List.of("y", "z"));
        assertThat(ids(tree.find("!(a)-[]->()"), "a")).containsExactlyInAnyOrder(List.of("p5"), List.of("p6"));
    }

    @Test
    void loneVertexMatchesEveryVertex() {
        Dataset<Row> all = tree.find("(v)");

        assertThat(all.columns()).containsExactly("v");
        assertThat(ids(all, "v")).hasSize(6);
        assertThat(tree.find("(a); (b)").count()).isEqualTo(36);
    }

    @Test
    void aChainedPathIsExplainedWithTheMotifGraphFramesWants() {
        assertThatThrownBy(() -> Motifs.find(tree, "(a)-[]->(b)-[e]->()-[]->(d)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid motif \"(a)-[]->(b)-[e]->()-[]->(d)\"")
                .hasMessageContaining("write it as (a)-[]->(b); (b)-[e]->(step2); (step2)-[]->(d)")
                .hasMessageContaining("GraphFrames said: Failed to parse bad motif string")
                .hasCauseInstanceOf(InvalidParseException.class);
    }

    @Test
    void otherMotifMistakesSayWhatIsWrong() {
        assertThatThrownBy(() -> Motifs.find(tree, "(a)-[]->(b) (b)-[]->(c)"))
                .hasMessageContaining("terms must be separated by ';'")
                .hasMessageContaining("write it as (a)-[]->(b); (b)-[]->(c)");
        assertThatThrownBy(() -> Motifs.find(tree, "a-[]->(b)"))
                .hasMessageContaining("does not start with a vertex; vertices are written in parentheses");
        assertThatThrownBy(() -> Motifs.find(tree, "(parent-process)-[]->(b)"))
                .hasMessageContaining("\"parent-process\" in the term").hasMessageContaining("is not a name");
        assertThatThrownBy(() -> Motifs.find(tree, "(a)-[e]->(b); (b)-[e]->(c)"))
                .hasMessageContaining("GraphFrames said: Motif reused name 'e' for multiple edges")
                .hasMessageContaining(Motifs.SYNTAX);
        assertThatThrownBy(() -> Motifs.find(tree, " "))
                .hasMessageContaining("The motif is empty");
    }

    @Test
    void undirectedAndVariableLengthMotifsAreGraphFramesOwn() {
        assertThat(Motifs.find(tree, "(a)-[e*1..3]->(b)").where("a.id = 'p1' AND b.id = 'p4'").count())
                .as("explorer -> cmd -> powershell -> whoami").isEqualTo(1);
        assertThat(Motifs.find(tree, "(a)-[]-(b)").where("a.id = 'p6'").count()).isEqualTo(1);
    }

    @Test
    void rejectsGraphsWithMissingColumns() {
        Dataset<Row> vertices = tree.vertices();
        Dataset<Row> edges = tree.edges();
        assertThatThrownBy(() -> HuntGraphs.graph(vertices.withColumnRenamed("id", "process_guid"), edges))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vertices Dataset has no 'id' column, which GraphFrames needs; it has"
                        + " [process_guid, name]");
        assertThatThrownBy(() -> HuntGraphs.graph(vertices, edges.drop("dst")))
                .hasMessageContaining("edges Dataset has no 'dst' column, which GraphFrames needs; it has [src, time]");
    }

    @Test
    void filtersKeepEdgesBetweenKeptVertices() {
        GraphFrame withoutChrome = tree.filterVertices("name != 'chrome.exe'");

        assertThat(withoutChrome.vertices().count()).isEqualTo(5);
        assertThat(withoutChrome.edges().count()).isEqualTo(4);
        assertThat(tree.filterEdges("time > 5").edges().count()).isEqualTo(2);
    }

    private static Dataset<Row> frame(StructType schema, Row... rows) {
        return spark.createDataFrame(Arrays.asList(rows), schema);
    }

    private static Row row(Object... values) {
        return RowFactory.create(values);
    }

    /** The ids of the named vertex columns, one list per result row. */
    static Set<List<String>> ids(Dataset<Row> result, String... vertexColumns) {
        List<Row> rows = result.collectAsList();
        Set<List<String>> ids = rows.stream()
                .map(row -> Arrays.stream(vertexColumns).map(name -> row.<Row>getAs(name).<String>getAs("id")).toList())
                .collect(Collectors.toSet());
        assertThat(ids).as("distinct rows").hasSize(rows.size());
        return ids;
    }
}
