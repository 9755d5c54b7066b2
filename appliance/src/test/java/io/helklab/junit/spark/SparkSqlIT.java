package io.helklab.junit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.junit.HelkLabTest;
import io.helklab.junit.HuntNamespace;
import io.helklab.junit.FixtureService;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Spark SQL over a namespace's indices. Spark needs a JVM of its own, so this class runs in the
 * appliance module's {@code fixture-spark} failsafe execution, which sets {@code helklab.fixture.spark}.
 */
@HelkLabTest(services = {FixtureService.ELASTICSEARCH, FixtureService.KAFKA, FixtureService.INDEXER, FixtureService.SPARK})
@EnabledIfSystemProperty(named = "helklab.fixture.spark", matches = "true",
        disabledReason = "runs in the fixture-spark failsafe execution, in a JVM of its own")
class SparkSqlIT {

    @Test
    void sparkSqlQueriesViewsOfTheNamespacesIndicesOnly(HuntNamespace hunt, SparkSession spark) {
        hunt.sendResource("io/helklab/junit/two-security-logons.jsonl");
        hunt.awaitDocuments(2);

        List<Map<String, Object>> rows = hunt.sql("SELECT user_name, host_name FROM security ORDER BY user_name");

        assertThat(rows).extracting(row -> row.get("user_name")).containsExactly("alice", "bob");
        assertThat(hunt.sql("SELECT count(*) AS events FROM winevent")).singleElement()
                .satisfies(row -> assertThat(row.get("events")).isEqualTo(2L));
        assertThat(spark.version()).isEqualTo("3.5.7");
    }
}
