package io.helklab.hunting;

import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The machine-learning hunting methods over Sysmon events, each returning a ranked table ({@code rank} 1 first)
 * whose {@code events} column holds the events behind every row.
 */
public enum HuntingMethod {
    /** Least frequent parent → child process pairs ({@link RareProcesses#pairs}). */
    RARE_PROCESS_PAIRS("rare parent → child pairs", RareProcesses::pairs),
    /** Least frequent processes per host ({@link RareProcesses#perHost}). */
    RARE_PROCESSES("rare processes per host", RareProcesses::perHost),
    /** TF-IDF and k-means over command lines, outliers first ({@link CommandLineClusters#outliers}). */
    COMMAND_LINE_OUTLIERS("command-line clusters", CommandLineClusters::outliers),
    /** Regular connection intervals per process and destination ({@link Beaconing#series(Dataset)}). */
    BEACONING("beaconing", Beaconing::series);

    private final String title;
    private final Function<Dataset<Row>, Dataset<Row>> method;

    HuntingMethod(String title, Function<Dataset<Row>, Dataset<Row>> method) {
        this.title = title;
        this.method = method;
    }

    /** A short human-readable name, for tables and benchmarks. */
    public String title() {
        return title;
    }

    /** Runs the method over {@code sysmon} (HELK-normalised Sysmon events). */
    public Dataset<Row> rank(Dataset<Row> sysmon) {
        return method.apply(sysmon);
    }
}
