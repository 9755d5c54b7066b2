package io.helklab.graph;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.timestamp_seconds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Times HELK's lineage motif {@code (a)-[]->(b); (b)-[]->(c)} on a synthetic process tree in local Spark, next
 * to the same query written by hand as DataFrame joins (one warm-up run each, then the two alternate). Not a test: run it with the test classpath, for example
 * {@code java -cp <test classpath> io.helklab.graph.MotifBenchmark 100000 5}. Each run writes every result
 * column to Spark's no-op sink, so the whole result is computed but nothing is stored.
 */
public final class MotifBenchmark {

    private MotifBenchmark() {
    }

    public static void main(String[] arguments) {
        int processes = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 100_000;
        int runs = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 5;
        SparkSession spark = LocalSpark.start("MotifBenchmark");
        try {
            HuntGraph tree = syntheticProcessTree(spark, processes);
            long chains = tree.find("(a)-[]->(b); (b)-[]->(c)").count();
            System.out.printf("process tree: %,d processes, %,d edges, %,d lineage chains%n", processes,
                    tree.edges().count(), chains);
            // Alternate the two queries so warm-up and other load on the machine hit both alike.
            List<Double> motifMillis = new ArrayList<>();
            List<Double> handWrittenMillis = new ArrayList<>();
            for (int run = -1; run < runs; run++) {
                double motifRun = millis(() -> tree.find("(a)-[]->(b); (b)-[]->(c)"));
                double handWrittenRun = millis(() -> handWrittenLineage(tree));
                if (run >= 0) {
                    motifMillis.add(motifRun);
                    handWrittenMillis.add(handWrittenRun);
                }
            }
            double motif = median(motifMillis);
            double handWritten = median(handWrittenMillis);
            System.out.printf("lineage motif:        median %,.0f ms over %d runs (%,.0f chains/s)%n", motif, runs,
                    chains / (motif / 1000));
            System.out.printf("hand-written joins:   median %,.0f ms over %d runs%n", handWritten, runs);
            System.out.printf("motif / hand-written: %.2f%n", motif / handWritten);
        } finally {
            spark.stop();
        }
    }

    /** A random recursive tree: process i's parent is uniform among processes 0..i-1, as deep as real trees get. */
    static HuntGraph syntheticProcessTree(SparkSession spark, int processes) {
        String[] names = {"explorer.exe", "cmd.exe", "powershell.exe", "svchost.exe", "chrome.exe", "net.exe",
                "whoami.exe", "rundll32.exe"};
        Dataset<Row> numbers = spark.range(processes).toDF("number");
        Dataset<Row> vertices = numbers.select(
                concat(lit("guid-"), col("number")).as("id"),
                element_at(array(Arrays.stream(names).map(name -> lit(name)).toArray(Column[]::new)),
                        pmod(col("number"), lit(names.length)).plus(1).cast("int")).as("process_name"),
                concat(lit("c:\\windows\\system32\\process-"), col("number"), lit(".exe")).as("process_path"),
                concat(lit("process-"), col("number"), lit(".exe -argument value --flag")).as("process_command_line"),
                col("number").as("process_id"),
                lit("alice").as("user_name"),
                concat(lit("wks"), pmod(col("number"), lit(50))).as("host_name"),
                timestamp_seconds(lit(1_700_000_000L).plus(col("number"))).as("time"));
        Dataset<Row> edges = numbers.where(col("number").gt(0)).select(
                concat(lit("guid-"), floor(rand(42).multiply(col("number"))).cast("long")).as("src"),
                concat(lit("guid-"), col("number")).as("dst"),
                timestamp_seconds(lit(1_700_000_000L).plus(col("number"))).as("time"));
        return new HuntGraph(vertices.localCheckpoint(true), edges.localCheckpoint(true));
    }

    private static Dataset<Row> handWrittenLineage(HuntGraph tree) {
        Dataset<Row> first = tree.edges().select(col("src").as("a_id"), col("dst").as("b_id"));
        Dataset<Row> second = tree.edges().select(col("src").as("b_id"), col("dst").as("c_id"));
        Dataset<Row> paths = first.join(second, "b_id");
        for (String name : new String[] {"a", "b", "c"}) {
            Dataset<Row> packed = tree.vertices().select(col("id").as(name + "_id"),
                    GraphColumns.packed(tree.vertices()).as(name));
            paths = paths.join(packed, name + "_id");
        }
        return paths.select("a", "b", "c");
    }

    private static double millis(Supplier<Dataset<Row>> query) {
        long start = System.nanoTime();
        query.get().write().format("noop").mode("overwrite").save();
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
