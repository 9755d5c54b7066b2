package io.helklab.graph;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.graphx.Edge;
import org.apache.spark.graphx.Graph;
import org.apache.spark.graphx.lib.ConnectedComponents;
import org.apache.spark.graphx.lib.PageRank;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Runs GraphX algorithms on a graph whose ids may be strings: ids are mapped to longs (integral ids by a cast,
 * others by their position in sorted order, so the mapping is the same however often Spark recomputes it), GraphX
 * runs, and the per-vertex result is joined back to the original vertices.
 *
 * <p>GraphX runs eagerly. Its per-vertex result (two numbers per vertex) is kept as a local checkpoint owned by
 * the returned Dataset, which Spark frees when that Dataset is garbage collected; the GraphX graphs themselves are
 * unpersisted before returning. Edges whose endpoints are not vertices are left out of the GraphX graph, and
 * vertices with a null id are left out of the result. Stateless; thread-safe as far as Spark jobs are.
 */
final class GraphxAlgorithms {

    private static final String LONG_ID = "#long_id";
    private static final String RESULT = "#result";
    private static final ClassTag<Object> ANY = ClassTag$.MODULE$.Any();

    private GraphxAlgorithms() {
    }

    /** Vertices plus {@code component} (long): the smallest mapped long id in the vertex's component. */
    static Dataset<Row> connectedComponents(Dataset<Row> vertices, Dataset<Row> edges) {
        Dataset<Row> idMap = longIds(vertices);
        Graph<Object, Object> graph = toGraphx(idMap, edges);
        Graph<Object, Object> components = ConnectedComponents.run(graph, ANY, ANY);
        Dataset<Row> perVertex = collectVertexValues(vertices.sparkSession(), components, DataTypes.LongType);
        components.unpersist(false);
        graph.unpersist(false);
        return joinBack(vertices, idMap, perVertex, "component");
    }

    /** Vertices plus {@code pagerank} (double) as GraphX computes it (ranks sum to the number of vertices). */
    static Dataset<Row> pageRank(Dataset<Row> vertices, Dataset<Row> edges, double resetProbability, int maxIterations) {
        Dataset<Row> idMap = longIds(vertices);
        Graph<Object, Object> graph = toGraphx(idMap, edges);
        Graph<Object, Object> ranks = PageRank.run(graph, maxIterations, resetProbability, ANY, ANY);
        Dataset<Row> perVertex = collectVertexValues(vertices.sparkSession(), ranks, DataTypes.DoubleType);
        ranks.unpersist(false);
        graph.unpersist(false);
        return joinBack(vertices, idMap, perVertex, "pagerank");
    }

    /** Columns {@code id} and {@link #LONG_ID}, one row per distinct non-null id. */
    private static Dataset<Row> longIds(Dataset<Row> vertices) {
        Dataset<Row> ids = vertices.select(GraphColumns.ID).where(col(GraphColumns.ID).isNotNull()).distinct();
        DataType idType = ids.schema().apply(GraphColumns.ID).dataType();
        if (idType.equals(DataTypes.LongType) || idType.equals(DataTypes.IntegerType)
                || idType.equals(DataTypes.ShortType) || idType.equals(DataTypes.ByteType)) {
            return ids.withColumn(LONG_ID, col(GraphColumns.ID).cast(DataTypes.LongType));
        }
        JavaRDD<Row> numbered = ids.orderBy(GraphColumns.ID).javaRDD().zipWithIndex()
                .map(pair -> RowFactory.create(pair._1().get(0), pair._2()));
        StructType schema = new StructType().add(GraphColumns.ID, idType, false).add(LONG_ID, DataTypes.LongType, false);
        // Read three times (GraphX vertices, edges, the join back): number the ids once.
        return vertices.sparkSession().createDataFrame(numbered, schema).localCheckpoint(true);
    }

    private static Graph<Object, Object> toGraphx(Dataset<Row> idMap, Dataset<Row> edges) {
        JavaRDD<Tuple2<Object, Object>> graphVertices = idMap.select(LONG_ID).javaRDD()
                .map(row -> new Tuple2<>(row.get(0), (Object) Boolean.TRUE));
        Dataset<Row> sources = idMap.select(col(GraphColumns.ID).as(GraphColumns.SOURCE), col(LONG_ID).as("#source"));
        Dataset<Row> destinations =
                idMap.select(col(GraphColumns.ID).as(GraphColumns.DESTINATION), col(LONG_ID).as("#destination"));
        JavaRDD<Edge<Object>> graphEdges = edges.select(GraphColumns.SOURCE, GraphColumns.DESTINATION)
                .join(sources, GraphColumns.SOURCE)
                .join(destinations, GraphColumns.DESTINATION)
                .select("#source", "#destination")
                .javaRDD()
                .map(row -> new Edge<>(row.getLong(0), row.getLong(1), (Object) Boolean.TRUE));
        return Graph.apply(graphVertices.rdd(), graphEdges.rdd(), Boolean.TRUE, StorageLevel.MEMORY_AND_DISK(),
                StorageLevel.MEMORY_AND_DISK(), ANY, ANY);
    }

    private static Dataset<Row> collectVertexValues(SparkSession spark, Graph<Object, Object> result, DataType valueType) {
        JavaRDD<Row> rows = result.vertices().toJavaRDD().map(vertex -> RowFactory.create(vertex._1(), vertex._2()));
        StructType schema = new StructType().add(LONG_ID, DataTypes.LongType, false).add(RESULT, valueType, false);
        // Eager: the values must outlive the GraphX graph unpersisted right after this call.
        return spark.createDataFrame(rows, schema).localCheckpoint(true);
    }

    private static Dataset<Row> joinBack(Dataset<Row> vertices, Dataset<Row> idMap, Dataset<Row> perVertex,
            String resultColumn) {
        Dataset<Row> resultById = idMap.join(perVertex, LONG_ID).select(col(GraphColumns.ID), col(RESULT).as(resultColumn));
        return vertices.join(resultById, GraphColumns.ID);
    }
}
