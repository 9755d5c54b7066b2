package io.helklab.graph;

import static org.apache.spark.sql.functions.struct;

import java.util.Arrays;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/** Column names and schema checks shared by the graph classes. Stateless. */
final class GraphColumns {

    static final String ID = "id";
    static final String SOURCE = "src";
    static final String DESTINATION = "dst";

    /** Types GraphX can map to longs and joins compare exactly; floating point and nested ids are not. */
    private static final Set<DataType> ID_TYPES = Set.of(DataTypes.StringType, DataTypes.LongType,
            DataTypes.IntegerType, DataTypes.ShortType, DataTypes.ByteType, DataTypes.BinaryType);

    private GraphColumns() {
    }

    /** Quotes a column name so dots and other characters in it are taken literally. */
    static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** All columns of {@code frame}, in order, packed into one struct: how a motif returns an element. */
    static Column packed(Dataset<Row> frame) {
        return struct(Arrays.stream(frame.columns()).map(name -> frame.col(quoted(name))).toArray(Column[]::new));
    }

    /** Checks the GraphFrames contract: vertices have {@code id}, edges {@code src} and {@code dst} of id's type. */
    static void validate(Dataset<Row> vertices, Dataset<Row> edges) {
        if (vertices == null || edges == null) {
            throw new IllegalArgumentException("A graph needs both a vertices and an edges Dataset; got vertices="
                    + (vertices == null ? "null" : "present") + ", edges=" + (edges == null ? "null" : "present") + ".");
        }
        DataType idType = requireColumn(vertices, "vertices", ID).dataType();
        if (!ID_TYPES.contains(idType)) {
            throw new IllegalArgumentException("The vertices' 'id' column has type " + idType.simpleString()
                    + ", which cannot identify vertices. Use a string or integral id, for example "
                    + "vertices.withColumn(\"id\", col(\"id\").cast(\"string\")).");
        }
        for (String endpoint : new String[] {SOURCE, DESTINATION}) {
            DataType endpointType = requireColumn(edges, "edges", endpoint).dataType();
            if (!endpointType.equals(idType)) {
                throw new IllegalArgumentException("The edges' '" + endpoint + "' column has type "
                        + endpointType.simpleString() + " but the vertices' 'id' column has type "
                        + idType.simpleString() + "; they must match for edges to find their vertices. Cast one "
                        + "side, for example edges.withColumn(\"" + endpoint + "\", col(\"" + endpoint + "\").cast(\""
                        + idType.simpleString() + "\")).");
            }
        }
    }

    private static StructField requireColumn(Dataset<Row> frame, String role, String name) {
        return Arrays.stream(frame.schema().fields())
                .filter(field -> field.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The " + role + " Dataset has no '" + name
                        + "' column; it has " + Arrays.toString(frame.columns()) + ". Rename the column that holds "
                        + "it, for example " + role + ".withColumnRenamed(\"process_guid\", \"" + name + "\")."));
    }
}
