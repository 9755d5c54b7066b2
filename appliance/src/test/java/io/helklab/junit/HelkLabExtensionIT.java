package io.helklab.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helklab.HelkLab;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.client.core.MainResponse;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** What a test gets injected, and what the namespace helpers do, against the real appliance. */
@HelkLabTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HelkLabExtensionIT {
    private static final String SYSMON_PROCESS_CREATE = "{\"@timestamp\":\"2024-03-01T12:00:00.123Z\",\"winlog\":{"
            + "\"channel\":\"Microsoft-Windows-Sysmon/Operational\",\"event_id\":1,\"computer_name\":\"WKS01.helk.lab\","
            + "\"provider_name\":\"Microsoft-Windows-Sysmon\",\"record_id\":1000,\"event_data\":{\"UtcTime\":"
            + "\"2024-03-01 12:00:00.123\",\"ProcessGuid\":\"{A98268C1-9C31-5CDA-0000-0010E1B03100}\",\"ProcessId\":\"4242\","
            + "\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\",\"CommandLine\":\"cmd.exe /c whoami\",\"User\":\"HELK\\\\alice\"}}}";
    private static String firstNamespace;

    @Test
    @Order(1)
    void endpointsAreEphemeralLoopbackAddressesAlsoPublishedAsSystemProperties(HelkLab lab, HelkLabEndpoints endpoints) {
        assertThat(endpoints.elasticsearchUrl()).isEqualTo(lab.elasticsearchUrl()).startsWith("http://127.0.0.1:")
                .doesNotEndWith(":9200");
        assertThat(endpoints.kafkaBootstrapServers()).isEqualTo(lab.kafkaBootstrapServers()).startsWith("127.0.0.1:")
                .doesNotEndWith(":9092");
        assertThat(endpoints.zookeeperConnect()).isEqualTo(lab.zookeeperConnect()).startsWith("127.0.0.1:");
        assertThat(System.getProperty("helklab.elasticsearch.url")).isEqualTo(endpoints.elasticsearchUrl());
        assertThat(System.getProperty("helklab.kafka.bootstrap")).isEqualTo(endpoints.kafkaBootstrapServers());
        assertThat(System.getProperty("helklab.zookeeper.connect")).isEqualTo(endpoints.zookeeperConnect());
    }

    @Test
    @Order(2)
    void theClientsAreReadyToUse(RestHighLevelClient elasticsearch, KafkaProducer<String, String> strings,
            KafkaProducer<byte[], byte[]> bytes, Admin admin) throws Exception {
        MainResponse info = elasticsearch.info(RequestOptions.DEFAULT);
        assertThat(info.getVersion().getNumber()).isEqualTo("7.10.2");
        String topic = "fixture-it-" + UUID.randomUUID();
        strings.send(new ProducerRecord<>(topic, "{\"a\":1}")).get(30, TimeUnit.SECONDS);
        bytes.send(new ProducerRecord<>(topic, "{\"b\":2}".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(topic, "winlogbeat", "winevent");
        admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    }

    @Test
    @Order(3)
    void everyWayOfSendingEndsUpInTheNamespaceAndIsFoundByEveryKindOfQuery(HuntNamespace hunt, Admin admin,
            RestHighLevelClient elasticsearch) throws Exception {
        firstNamespace = hunt.name();
        assertThat(hunt.name()).startsWith("everywayofsending");
        assertThat(hunt.topic()).isEqualTo(hunt.name() + ".winlogbeat");
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(hunt.topic());

        assertThat(hunt.send(SYSMON_PROCESS_CREATE)).isEqualTo(1);
        assertThat(hunt.sendResource("io/helklab/junit/two-security-logons.jsonl")).isEqualTo(2);
        assertThat(hunt.send("this is not JSON".getBytes(StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(hunt.awaitDocuments(4)).isEqualTo(4);

        assertThat(hunt.search("process_name:cmd.exe")).singleElement().satisfies(hit -> {
            assertThat(hit).containsEntry("event_id", 1).containsEntry("process_command_line", "cmd.exe /c whoami");
            assertThat(hit.get("_index")).isEqualTo(hunt.name() + ".logs-endpoint-winevent-sysmon-2024.03.01");
        });
        assertThat(hunt.searchDsl("{\"term\": {\"user_name\": \"bob\"}}")).extracting(hit -> String.valueOf(hit.get("logon_type")))
                .containsExactly("10");
        assertThat(hunt.searchDsl("{\"query\": {\"term\": {\"event_id\": 4624}}, \"size\": 1}")).hasSize(1);
        assertThat(hunt.count("*")).isEqualTo(4);
        assertThat(hunt.search("reason:*")).singleElement()
                .satisfies(hit -> assertThat((String) hit.get("_index")).startsWith(hunt.name() + ".parse-failures-"));
        // The same documents are invisible outside the namespace.
        long outside = elasticsearch.search(new SearchRequest("logs-endpoint-winevent-*").source(new SearchSourceBuilder()
                .query(QueryBuilders.termQuery("user_name", "bob"))), RequestOptions.DEFAULT).getHits().getTotalHits().value;
        assertThat(outside).isZero();
    }

    @Test
    @Order(4)
    void theNamespaceOfTheLastTestIsGoneAndTheNewOneIsEmpty(HuntNamespace hunt, Admin admin, HelkLab lab) throws Exception {
        assertThat(firstNamespace).isNotNull();
        assertThat(hunt.name()).isNotEqualTo(firstNamespace);
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(firstNamespace + ".winlogbeat");
        assertThat(lab.elasticsearch().client().admin().indices().prepareGetIndex().addIndices(firstNamespace + ".*")
                .setIndicesOptions(org.elasticsearch.action.support.IndicesOptions.lenientExpandOpen()).get().indices()).isEmpty();
        assertThat(lab.indexer().assignedTopics()).contains(hunt.topic()).doesNotContain(firstNamespace + ".winlogbeat");
        assertThat(hunt.count("*")).isZero();
    }

    @Test
    @Order(5)
    void queriesElasticsearchRefusesAndSqlWithoutSparkFailWithTheReason(HuntNamespace hunt) {
        assertThatThrownBy(() -> hunt.searchDsl("{\"no_such_query\": {}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no_such_query")
                .hasMessageContaining("parsing_exception");
        assertThatThrownBy(() -> hunt.searchDsl("{not json")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> hunt.sql("SELECT 1")).hasMessageContaining("FixtureService.SPARK");
        assertThatThrownBy(() -> hunt.sendScenario("lsass-dump")).hasMessageContaining("lsass-credential-dumping");
        assertThatThrownBy(() -> hunt.sendResource("no/such/file.json")).hasMessageContaining("src/test/resources/no/such/file.json");
    }

    @Test
    @Order(6)
    void anEventSearchLooksAtHelksOwnIndicesAndNotIntoNamespaces(EventSearch shared, HuntNamespace hunt) {
        assertThat(shared.indexPattern()).isEqualTo("logs-endpoint-winevent-*,logs-indexme-*,parse-failures-*");
        assertThat(hunt.indexPattern()).startsWith(hunt.name() + ".logs-endpoint-winevent-*,");
        hunt.send(SYSMON_PROCESS_CREATE.replace("whoami", hunt.name()));
        hunt.awaitDocuments(1);
        assertThat(hunt.search("process_command_line:\"" + hunt.name() + "\"")).hasSize(1);
        assertThat(shared.search("process_command_line:\"" + hunt.name() + "\"")).isEmpty();
    }
}
