package io.helklab.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;
import org.apache.spark.sql.sources.StringContains;
import org.apache.spark.sql.sources.StringStartsWith;
import org.junit.jupiter.api.Test;

/** Which filters the hunt relation lets the ES-Spark connector turn into Elasticsearch queries. */
class HuntRelationTest {
    private final HuntRelation relation = new HuntRelation(null, null, HuntSource.HEADER_SCHEMA,
            Set.of("process_command_line", "dst_ip_addr"));

    @Test
    void keywordNumberAndDateFiltersGoToElasticsearch() {
        assertThat(relation.exactInElasticsearch(new EqualTo("process_name", "cmd.exe"))).isTrue();
        assertThat(relation.exactInElasticsearch(new EqualTo("process_granted_access", 4112))).isTrue();
        assertThat(relation.exactInElasticsearch(new GreaterThan("@timestamp", java.sql.Timestamp.valueOf(
                "2026-10-05 00:00:00")))).isTrue();
        assertThat(relation.exactInElasticsearch(new StringStartsWith("host_name", "WKS"))).isTrue();
        assertThat(relation.exactInElasticsearch(new And(new EqualTo("event_id", 1),
                new Not(new EqualTo("process_name", "csrss.exe"))))).isTrue();
    }

    @Test
    void filtersOnAnalysedTextAndIpFieldsStayInSpark() {
        assertThat(relation.exactInElasticsearch(new EqualTo("process_command_line", "cmd.exe /c whoami"))).isFalse();
        assertThat(relation.exactInElasticsearch(new StringContains("dst_ip_addr", "10.0."))).isFalse();
        assertThat(relation.exactInElasticsearch(new IsNotNull("process_command_line"))).isFalse();
        assertThat(relation.exactInElasticsearch(new Or(new EqualTo("event_id", 1),
                new EqualTo("process_command_line", "x")))).isFalse();
    }

    @Test
    void stringPatternsTheConnectorWouldNotEscapeStayInSpark() {
        Filter backslash = new StringContains("user_account", "helk\\bchen");
        Filter quote = new StringStartsWith("registry_key_value", "\"c:");
        assertThat(relation.exactInElasticsearch(backslash)).isFalse();
        assertThat(relation.exactInElasticsearch(quote)).isFalse();
        assertThat(relation.exactInElasticsearch(new And(new EqualTo("event_id", 13), new Not(quote)))).isFalse();
        // Equality values are JSON-escaped by the connector, so they are safe with any character.
        assertThat(relation.exactInElasticsearch(new EqualTo("user_account", "helk\\bchen"))).isTrue();
    }

    @Test
    void everyFilterIsReportedUnhandledSoSparkChecksItAgain() {
        Filter[] filters = {new EqualTo("event_id", 1), new StringContains("process_name", "cmd")};
        assertThat(relation.unhandledFilters(filters)).containsExactly(filters);
    }
}
