package io.helklab.junit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.graph.HuntGraphs;
import io.helklab.junit.HelkLabTest;
import io.helklab.junit.HuntNamespace;
import io.helklab.junit.FixtureService;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.graphframes.GraphFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * GraphFrames in a test that uses the JUnit fixture: a scenario sent through the namespace, its Sysmon index read
 * with the ES-Spark connector, and the ready-made process tree queried as a GraphFrame. Runs in the appliance
 * module's {@code fixture-spark} failsafe execution (Spark needs a JVM of its own).
 */
@HelkLabTest(services = {FixtureService.ELASTICSEARCH, FixtureService.KAFKA, FixtureService.INDEXER, FixtureService.SPARK})
@EnabledIfSystemProperty(named = "helklab.fixture.spark", matches = "true",
        disabledReason = "runs in the fixture-spark failsafe execution, in a JVM of its own")
class GraphFramesFixtureIT {

    @Test
    void theLineageAndNegatedMotifsAndConnectedComponentsRunOnAScenarioInTheNamespace(HuntNamespace hunt, SparkSession spark) {
        Scenario scenario = SampleCatalog.find("lsass-credential-dumping");
        hunt.sendScenario(scenario.name());
        hunt.awaitDocuments(scenario.eventCount());
        Map<String, Object> dumper = fact(scenario, "masquerading");
        Map<String, Object> prompt = fact(scenario, "elevated command prompt");

        Dataset<Row> sysmon = spark.read().format("es")
                .option("es.read.field.exclude", "event_original_message")
                .load(hunt.name() + ".logs-endpoint-winevent-sysmon-*");
        GraphFrame tree = HuntGraphs.processTree(sysmon);
        List<Row> chains = tree.find("(a)-[]->(b); (b)-[]->(c)")
                .where("c.id = '" + dumper.get("process_guid") + "'")
                .select("a.id", "b.id", "c.process_name").collectAsList();

        assertThat(chains).singleElement().satisfies(chain -> {
            assertThat(chain.getString(0)).isEqualTo(prompt.get("process_parent_guid"));
            assertThat(chain.getString(1)).isEqualTo(prompt.get("process_guid"));
            assertThat(chain.getString(2)).isEqualTo("werfault.exe");
        });
        List<Row> leaves = tree.find("(a)-[]->(b); !(b)-[]->()")
                .where("b.id = '" + dumper.get("process_guid") + "'").select("a.id").collectAsList();
        assertThat(leaves).as("the dumper started nothing; its parent is the prompt").singleElement()
                .satisfies(leaf -> assertThat(leaf.getString(0)).isEqualTo(prompt.get("process_guid")));
        assertThat(tree.find("(a)-[]->(b); !(b)-[]->()").where("b.id = '" + prompt.get("process_guid") + "'")
                .count()).as("the prompt started the dumper, so it is no leaf").isZero();
        List<Row> components = tree.connectedComponents().run()
                .where("id IN ('" + dumper.get("process_guid") + "', '" + prompt.get("process_guid") + "')")
                .select("component").distinct().collectAsList();
        assertThat(components).as("the dumper and its prompt are in one component").hasSize(1);
    }

    private static Map<String, Object> fact(Scenario scenario, String words) {
        return scenario.answerKey().stream().filter(fact -> fact.description().contains(words)).findFirst()
                .orElseThrow().match();
    }
}
