package io.helklab.hunting;

import static io.helklab.hunting.HuntColumns.ranked;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;

import java.util.Arrays;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Command-line clustering with Spark MLlib: every distinct command line of the process creations (Sysmon event 1),
 * with GUIDs, hexadecimal and decimal numbers replaced by placeholders so that one program's runs look alike, is
 * tokenised ({@link RegexTokenizer}), weighted by TF-IDF ({@link HashingTF}, {@link IDF}, L2-normalised) and
 * clustered with {@link KMeans} into about one cluster per four distinct lines (at most 60). Outliers are command
 * lines in small clusters, far from their cluster's centre or in clusters far from every other, that ran rarely:
 * the score is {@code (distance to centre + distance of the centre to the nearest other centre) * ln(1 + lines /
 * lines in the cluster) / (1 + ln(executions))}.
 *
 * <p>Unlike the other hunting methods this one runs Spark jobs before returning: fitting the model is eager. The
 * model is seeded, so the same events give the same clusters. Stateless and thread-safe.
 */
public final class CommandLineClusters {

    private static final String TOKEN_SEPARATORS = "[\\s\\\\/\"'=,;:()\\[\\]{}|&<>*?+@$%^`]+";
    private static final int FEATURES = 1 << 12;
    private static final long SEED = 20_261_001L;
    private static final double LINES_PER_CLUSTER = 4.0;
    private static final int MAXIMUM_CLUSTERS = 60;

    private CommandLineClusters() {
    }

    /**
     * Clusters the command lines and ranks them as outliers.
     *
     * @param sysmon HELK-normalised Sysmon events (only process creations are read)
     * @return one row per distinct normalised command line, most outlying first: {@code rank},
     *     {@code process_name}, {@code command_line} (normalised), {@code executions}, {@code hosts},
     *     {@code cluster}, {@code cluster_lines}, {@code cluster_executions}, {@code distance} (to the cluster's
     *     centre), {@code isolation} (of the centre from the nearest other), {@code score}, {@code reason} and
     *     {@code events} (the creations behind the row)
     * @throws IllegalArgumentException when the events lack {@code event_id} or {@code process_guid}
     */
    public static Dataset<Row> outliers(Dataset<Row> sysmon) {
        Dataset<Row> creations = RareProcesses.creations(sysmon, "The command-line clustering hunt")
                .where(col("process_command_line").isNotNull())
                .withColumn("command_line", normalised(col("process_command_line")));
        Dataset<Row> lines = creations.groupBy("command_line")
                .agg(first("process_name").as("process_name"), count(lit(1)).as("executions"),
                        countDistinct("host_name").as("hosts"), RareProcesses.creationEvents())
                .localCheckpoint(true);
        long distinctLines = lines.count();
        if (distinctLines < 2) {
            return ranked(lines.withColumn("cluster", lit(0))
                    .withColumn("cluster_lines", lit(distinctLines))
                    .withColumn("cluster_executions", col("executions"))
                    .withColumn("distance", lit(0.0)).withColumn("isolation", lit(0.0)).withColumn("score", lit(0.0))
                    .withColumn("reason", lit("too few distinct command lines to cluster"))
                    .select(outputColumns()), col("executions").asc());
        }
        // Many small clusters: a program's runs share one, and a line like no other ends up far from any centre.
        int clusters = (int) Math.max(2, Math.min(MAXIMUM_CLUSTERS, Math.round(distinctLines / LINES_PER_CLUSTER)));
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
                new RegexTokenizer().setInputCol("command_line").setOutputCol("tokens").setPattern(TOKEN_SEPARATORS)
                        .setMinTokenLength(1),
                new HashingTF().setInputCol("tokens").setOutputCol("term_frequencies").setNumFeatures(FEATURES),
                new IDF().setInputCol("term_frequencies").setOutputCol("weights"),
                new Normalizer().setInputCol("weights").setOutputCol("features").setP(2.0),
                new KMeans().setK(clusters).setSeed(SEED).setMaxIter(40).setFeaturesCol("features")
                        .setPredictionCol("cluster")});
        PipelineModel model = pipeline.fit(lines);
        Vector[] centres = ((KMeansModel) model.stages()[model.stages().length - 1]).clusterCenters();
        double[] isolation = isolation(centres);
        Dataset<Row> clustered = model.transform(lines)
                .withColumn("distance", distanceToCentre(centres).apply(col("features"), col("cluster")))
                .withColumn("isolation", isolationOf(isolation).apply(col("cluster")))
                .withColumn("cluster_lines", count(lit(1)).over(Window.partitionBy("cluster")))
                .withColumn("cluster_executions", sum("executions").over(Window.partitionBy("cluster")))
                .withColumn("score", col("distance").plus(col("isolation"))
                        .multiply(log(lit(1.0).plus(lit((double) distinctLines).divide(col("cluster_lines")))))
                        .divide(lit(1.0).plus(log(col("executions")))))
                .withColumn("reason", format_string("cluster %d holds %d of %d distinct command lines (%d executions);"
                                + " this line is %.2f from the cluster's centre, the centre %.2f from the nearest"
                                + " other; the line ran %d time(s) on %d host(s)",
                        col("cluster"), col("cluster_lines"), lit(distinctLines), col("cluster_executions"),
                        col("distance"), col("isolation"), col("executions"), col("hosts")));
        return ranked(clustered.select(outputColumns()),
                col("score").desc(), col("cluster_lines").asc(), col("executions").asc(), col("command_line").asc());
    }

    private static Column[] outputColumns() {
        return Arrays.stream(new String[] {"process_name", "command_line", "executions", "hosts", "cluster", "cluster_lines",
                "cluster_executions", "distance", "isolation", "score", "reason", "events"}).map(name -> col(name)).toArray(Column[]::new);
    }

    /** Lower case, with the parts that differ between runs of one program replaced by placeholders. */
    static Column normalised(Column commandLine) {
        Column lowered = lower(commandLine);
        Column withoutGuids = regexp_replace(lowered,
                "\\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\}?", "<guid>");
        Column withoutHex = regexp_replace(withoutGuids, "\\b0x[0-9a-f]+\\b", "<hex>");
        Column withoutNumbers = regexp_replace(withoutHex, "[0-9]+", "0");
        return coalesce(regexp_replace(withoutNumbers, "\\s+", " "), lit(""));
    }

    /** For each centre, the distance to the nearest other centre. */
    private static double[] isolation(Vector[] centres) {
        double[] nearest = new double[centres.length];
        for (int index = 0; index < centres.length; index++) {
            double best = Double.MAX_VALUE;
            for (int other = 0; other < centres.length; other++) {
                if (other != index) {
                    best = Math.min(best, Math.sqrt(Vectors.sqdist(centres[index], centres[other])));
                }
            }
            nearest[index] = best == Double.MAX_VALUE ? 0 : best;
        }
        return nearest;
    }

    private static UserDefinedFunction distanceToCentre(Vector[] centres) {
        UDF2<Vector, Integer, Double> distance = (features, cluster) -> Math.sqrt(Vectors.sqdist(features,
                centres[cluster]));
        return udf(distance, DataTypes.DoubleType);
    }

    private static UserDefinedFunction isolationOf(double[] isolation) {
        UDF1<Integer, Double> lookup = cluster -> isolation[cluster];
        return udf(lookup, DataTypes.DoubleType);
    }
}
