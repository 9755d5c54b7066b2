package io.helklab.graph;

import io.helklab.SharedAppliance;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session graph tests use: the shared test appliance's. Spark allows one context per
 * JVM and the integration tests share one JVM, so tests borrow that session and never stop it.
 */
final class LocalSpark {

    private LocalSpark() {
    }

    static SparkSession start(String applicationName) {
        return SharedAppliance.get().spark();
    }
}
