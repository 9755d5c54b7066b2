package io.helklab.kernel;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.spark.sql.SparkSession;

/**
 * What every kernel of a gateway gets: the Spark session (may be null), the named objects bound as
 * variables in each cell and the cell magics.
 */
record KernelEnvironment(SparkSession sparkSession, Map<String, Object> bindings, CellMagicRegistry magics) {

    KernelEnvironment {
        Objects.requireNonNull(bindings, "bindings");
        Objects.requireNonNull(magics, "magics");
        bindings = Map.copyOf(bindings);
    }

    /** Imports declared in every kernel before the bindings. */
    List<String> imports() {
        return sparkSession == null
                ? List.of("import io.helklab.kernel.*;")
                : List.of("import io.helklab.kernel.*;", "import org.apache.spark.sql.*;");
    }
}
