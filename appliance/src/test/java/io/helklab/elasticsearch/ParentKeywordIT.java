package io.helklab.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helklab.HelkLab;
import io.helklab.SharedAppliance;
import io.helklab.TestHttp;
import io.helklab.ingest.Indexer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HELK's {@code <field>.keyword} names on a winevent index, where the sub-field is a {@code parent_keyword}
 * that indexes nothing: every way hunters and tools use it still works, through real Elasticsearch and Spark.
 */
class ParentKeywordIT {
    private static HelkLab lab;
    private static String index;

    @BeforeAll
    static void indexThreeEvents() throws Exception {
        lab = SharedAppliance.get();
        Indexer.installTemplates(lab.elasticsearchUrl());
        // A namespaced winevent index: HELK's template applies, and no other test counts its documents.
        index = "kw-" + UUID.randomUUID().toString().substring(0, 8) + ".logs-endpoint-winevent-sysmon-2026.01.01";
        String bulk = document(1, "powershell.exe", "alice") + document(2, "powershell.exe", "bob")
                + document(3, "cmd.exe", null);
        TestHttp.Response response = TestHttp.post(lab.elasticsearchUrl() + "/_bulk?refresh=true", bulk);
        assertThat(response.body().path("errors").asBoolean(true)).as(response.text()).isFalse();
    }

    @AfterAll
    static void deleteIndex() {
        lab.elasticsearch().client().admin().indices().prepareDelete(index).get();
    }

    private static String document(int id, String processName, String userName) {
        return "{\"index\":{\"_index\":\"" + index + "\",\"_id\":\"" + id + "\"}}\n"
                + "{\"@timestamp\":\"2026-01-01T00:00:0" + id + ".000Z\",\"event_id\":1,\"process_name\":\"" + processName + "\""
                + (userName == null ? "" : ",\"user_name\":\"" + userName + "\"") + "}\n";
    }

    private static JsonNode search(String body) {
        TestHttp.Response response = TestHttp.post(lab.elasticsearchUrl() + "/" + index + "/_search", body);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body();
    }

    private static long hits(String query) {
        return search("{\"query\":" + query + "}").path("hits").path("total").path("value").asLong();
    }

    @Test
    void theSubFieldIsAParentKeywordThatFieldCapsReportAsAnAggregatableKeyword() {
        JsonNode mapping = TestHttp.get(lab.elasticsearchUrl() + "/" + index + "/_mapping").body().path(index)
                .path("mappings").path("properties").path("process_name");
        assertThat(mapping.path("type").asText()).isEqualTo("keyword");
        assertThat(mapping.path("fields").path("keyword").path("type").asText()).isEqualTo("parent_keyword");

        JsonNode caps = TestHttp.get(lab.elasticsearchUrl() + "/" + index + "/_field_caps?fields=process_name.keyword")
                .body().path("fields").path("process_name.keyword").path("keyword");
        assertThat(caps.path("searchable").asBoolean()).isTrue();
        assertThat(caps.path("aggregatable").asBoolean()).isTrue();
    }

    @Test
    void keywordQueriesOfEveryKindFindTheParentsValues() {
        assertThat(hits("{\"term\":{\"process_name.keyword\":\"powershell.exe\"}}")).isEqualTo(2);
        assertThat(hits("{\"terms\":{\"process_name.keyword\":[\"cmd.exe\",\"nope.exe\"]}}")).isEqualTo(1);
        assertThat(hits("{\"match\":{\"process_name.keyword\":\"cmd.exe\"}}")).isEqualTo(1);
        assertThat(hits("{\"prefix\":{\"process_name.keyword\":\"power\"}}")).isEqualTo(2);
        assertThat(hits("{\"wildcard\":{\"process_name.keyword\":\"*shell.exe\"}}")).isEqualTo(2);
        assertThat(hits("{\"regexp\":{\"process_name.keyword\":\"c.d\\\\.exe\"}}")).isEqualTo(1);
        assertThat(hits("{\"range\":{\"process_name.keyword\":{\"gte\":\"d\"}}}")).isEqualTo(2);
        assertThat(hits("{\"exists\":{\"field\":\"user_name.keyword\"}}")).isEqualTo(2);
        assertThat(hits("{\"query_string\":{\"query\":\"process_name.keyword:powershell.exe AND user_name.keyword:bob\"}}"))
                .isEqualTo(1);
        assertThat(hits("{\"query_string\":{\"query\":\"process_name.keyword:power*\"}}")).isEqualTo(2);
    }

    @Test
    void aggregationsSortingAndTheFieldsApiUseTheParentsDocValues() {
        JsonNode response = search("{\"size\":3,\"sort\":[{\"process_name.keyword\":\"asc\"},{\"@timestamp\":\"asc\"}],"
                + "\"fields\":[\"process_name.keyword\"],"
                + "\"aggs\":{\"names\":{\"terms\":{\"field\":\"process_name.keyword\"}},"
                + "\"users\":{\"cardinality\":{\"field\":\"user_name.keyword\"}}}}");
        JsonNode buckets = response.path("aggregations").path("names").path("buckets");
        assertThat(buckets.get(0).path("key").asText()).isEqualTo("powershell.exe");
        assertThat(buckets.get(0).path("doc_count").asLong()).isEqualTo(2);
        assertThat(buckets.get(1).path("key").asText()).isEqualTo("cmd.exe");
        assertThat(response.path("aggregations").path("users").path("value").asLong()).isEqualTo(2);

        JsonNode hits = response.path("hits").path("hits");
        List<String> sorted = new ArrayList<>();
        hits.forEach(hit -> sorted.add(hit.path("sort").get(0).asText()));
        assertThat(sorted).containsExactly("cmd.exe", "powershell.exe", "powershell.exe");
        assertThat(hits.get(0).path("fields").path("process_name.keyword").get(0).asText()).isEqualTo("cmd.exe");
    }

    @Test
    void sparkReadsTheIndexThroughTheConnector() {
        List<Row> rows = lab.spark().read().format("org.elasticsearch.spark.sql").load(index)
                .where("process_name = 'powershell.exe'").select("user_name").orderBy("user_name").collectAsList();
        assertThat(rows).extracting(row -> row.getString(0)).containsExactly("alice", "bob");
    }
}
