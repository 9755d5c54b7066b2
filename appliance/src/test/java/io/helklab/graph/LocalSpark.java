package io.helklab.graph;

import org.apache.spark.sql.SparkSession;

/** The local Spark session a graph test class shares: loopback only, no UI, two shuffle partitions. */
final class LocalSpark {

    private LocalSpark() {
    }

    static SparkSession start(String applicationName) {
        return SparkSession.builder()
                .appName(applicationName)
                .master("local[2]")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }
}
