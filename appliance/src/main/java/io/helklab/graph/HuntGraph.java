package io.helklab.graph;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A property graph on two Spark Datasets, read the way GraphFrames reads them: vertices with an {@code id}
 * column, edges with {@code src} and {@code dst} columns holding vertex ids, every other column an attribute.
 *
 * <pre>{@code
 * HuntGraph tree = HuntGraphs.processTree(sysmon);
 * Dataset<Row> chains = tree.find("(a)-[]->(b); (b)-[]->(c)")
 *         .where("c.process_name = 'powershell.exe'");
 * }</pre>
 *
 * <p>Lifecycle and threading: immutable; the constructor only checks the schemas. Motif finding, filters and
 * degrees return lazy Datasets and run nothing. {@link #connectedComponents()} and {@link #pageRank} run GraphX
 * jobs before returning, because GraphX is eager. Nothing is cached on behalf of the caller. Instances may be
 * shared between threads as far as the underlying Spark session allows.
 *
 * <p>Failure behaviour: a bad schema or motif throws {@link IllegalArgumentException} naming the problem, the
 * evidence and a fix; Spark errors during execution surface from the action the caller runs.
 */
public final class HuntGraph {

    private final Dataset<Row> vertices;
    private final Dataset<Row> edges;

    /**
     * @param vertices one row per vertex, with an {@code id} column (string or integral)
     * @param edges    one row per edge, with {@code src} and {@code dst} columns of the same type as {@code id}
     * @throws IllegalArgumentException when a column is missing or its type does not fit
     */
    public HuntGraph(Dataset<Row> vertices, Dataset<Row> edges) {
        GraphColumns.validate(vertices, edges);
        this.vertices = vertices;
        this.edges = edges;
    }

    /** The vertices, as given. */
    public Dataset<Row> vertices() {
        return vertices;
    }

    /** The edges, as given. */
    public Dataset<Row> edges() {
        return edges;
    }

    /**
     * Finds every occurrence of a motif, exactly as GraphFrames' {@code find} does.
     *
     * <ul>
     *   <li>{@code (a)-[e]->(b)}: an edge {@code e} from vertex {@code a} to vertex {@code b}; terms are joined with
     *       {@code ;} and a name used twice means the same element, so {@code (a)-[]->(b); (b)-[]->(c)} is a
     *       two-step path.</li>
     *   <li>{@code ()} and {@code []} are anonymous: they must exist but are not returned. Named vertices must be
     *       rows of {@link #vertices()}; anonymous ones need only appear in an edge.</li>
     *   <li>{@code (a)} alone matches every vertex.</li>
     *   <li>{@code !(a)-[]->(b)} keeps only rows with no such edge. A vertex named only in negated terms ranges
     *       over all vertices; a negated edge cannot be named; a motif with a negated term returns distinct
     *       rows.</li>
     *   <li>Not allowed: a lone {@code ()}, {@code ()-[]->()} and {@code !()-[]->()}, one name for a vertex and an
     *       edge, one edge name used twice.</li>
     * </ul>
     *
     * Names do not make elements distinct: in a two-step path {@code a} and {@code c} may be the same vertex
     * (filter with {@code a.id != c.id}).
     *
     * @return one struct column per named element in order of first appearance (an edge between its endpoints):
     *     a vertex struct holds every vertex column, an edge struct every edge column including {@code src} and
     *     {@code dst}
     * @throws IllegalArgumentException quoting the motif, the position (counting from 1) and what was expected
     */
    public Dataset<Row> find(String motif) {
        return new MotifFinder(vertices, edges).find(MotifParser.parse(motif));
    }

    /** GraphFrames' triplets: {@code find("(src)-[edge]->(dst)")}, columns {@code src}, {@code edge}, {@code dst}. */
    public Dataset<Row> triplets() {
        return find("(src)-[edge]->(dst)");
    }

    /** The subgraph of vertices matching {@code condition} and the edges between them. */
    public HuntGraph filterVertices(Column condition) {
        Dataset<Row> kept = vertices.where(condition);
        Dataset<Row> keptIds = kept.select(GraphColumns.ID);
        Dataset<Row> keptEdges = edges
                .join(keptIds.withColumnRenamed(GraphColumns.ID, "#kept_source"),
                        col(GraphColumns.SOURCE).equalTo(col("#kept_source")), "left_semi")
                .join(keptIds.withColumnRenamed(GraphColumns.ID, "#kept_destination"),
                        col(GraphColumns.DESTINATION).equalTo(col("#kept_destination")), "left_semi");
        return new HuntGraph(kept, keptEdges);
    }

    /** {@link #filterVertices(Column)} with a SQL expression such as {@code "process_name = 'cmd.exe'"}. */
    public HuntGraph filterVertices(String sqlCondition) {
        return filterVertices(expr(sqlCondition));
    }

    /** The graph with only the edges matching {@code condition}; all vertices are kept. */
    public HuntGraph filterEdges(Column condition) {
        return new HuntGraph(vertices, edges.where(condition));
    }

    /** {@link #filterEdges(Column)} with a SQL expression such as {@code "count > 10"}. */
    public HuntGraph filterEdges(String sqlCondition) {
        return filterEdges(expr(sqlCondition));
    }

    /** Columns {@code id} and {@code degree} (int); vertices without edges are absent, as in GraphFrames. */
    public Dataset<Row> degrees() {
        return edges.select(explode(array(col(GraphColumns.SOURCE), col(GraphColumns.DESTINATION))).as(GraphColumns.ID))
                .groupBy(GraphColumns.ID)
                .agg(count(lit(1)).cast("int").as("degree"));
    }

    /** Columns {@code id} and {@code inDegree} (int); vertices without incoming edges are absent. */
    public Dataset<Row> inDegrees() {
        return edges.groupBy(col(GraphColumns.DESTINATION).as(GraphColumns.ID))
                .agg(count(lit(1)).cast("int").as("inDegree"));
    }

    /** Columns {@code id} and {@code outDegree} (int); vertices without outgoing edges are absent. */
    public Dataset<Row> outDegrees() {
        return edges.groupBy(col(GraphColumns.SOURCE).as(GraphColumns.ID))
                .agg(count(lit(1)).cast("int").as("outDegree"));
    }

    /**
     * Weakly connected components with GraphX; runs Spark jobs before returning.
     *
     * @return the vertices plus {@code component} (long), equal for vertices in the same component; the value is
     *     the smallest internal long id in the component (for integral ids, the smallest id)
     */
    public Dataset<Row> connectedComponents() {
        return GraphxAlgorithms.connectedComponents(vertices, edges);
    }

    /**
     * PageRank with GraphX for a fixed number of iterations; runs Spark jobs before returning.
     *
     * @param resetProbability probability of jumping to a random vertex, in (0, 1); GraphFrames' usual 0.15
     * @param maxIterations    iterations to run, at least 1
     * @return a graph whose vertices carry {@code pagerank} (double) and whose edges carry {@code weight}
     *     (double, 1 / out-degree of the source), as GraphFrames returns
     */
    public HuntGraph pageRank(double resetProbability, int maxIterations) {
        if (!(resetProbability > 0 && resetProbability < 1)) {
            throw new IllegalArgumentException("PageRank reset probability must be between 0 and 1 (exclusive), got "
                    + resetProbability + "; GraphFrames' usual value is 0.15.");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("PageRank needs at least 1 iteration, got " + maxIterations + ".");
        }
        Dataset<Row> ranked = GraphxAlgorithms.pageRank(vertices, edges, resetProbability, maxIterations);
        Dataset<Row> weighted = edges
                .join(outDegrees().toDF("#weight_source", "#weight_degree"),
                        col(GraphColumns.SOURCE).equalTo(col("#weight_source")))
                .withColumn("weight", lit(1.0).divide(col("#weight_degree")))
                .drop("#weight_source", "#weight_degree");
        return new HuntGraph(ranked, weighted);
    }

    @Override
    public String toString() {
        return "HuntGraph(vertices: " + vertices.schema().simpleString() + ", edges: " + edges.schema().simpleString()
                + ")";
    }
}
