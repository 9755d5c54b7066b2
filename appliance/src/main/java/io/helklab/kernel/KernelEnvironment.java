package io.helklab.kernel;

import java.util.ArrayList;
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

    /**
     * Imports declared in every kernel before the bindings: the JShell tool's usual ones (the
     * JShell API itself imports nothing), the kernel's display types and, with Spark, Spark SQL and GraphFrames' {@code GraphFrame}.
     */
    List<String> imports() {
        List<String> imports = new ArrayList<>(List.of("java.io.*", "java.math.*", "java.net.*", "java.nio.file.*",
                "java.util.*", "java.util.concurrent.*", "java.util.function.*", "java.util.regex.*",
                "java.util.stream.*", "io.helklab.kernel.*"));
        if (sparkSession != null) {
            imports.add("org.apache.spark.sql.*");
            imports.add("org.graphframes.GraphFrame");
        }
        return imports.stream().map(name -> "import " + name + ";").toList();
    }
}
