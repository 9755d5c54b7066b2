package io.helklab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every embedded service, checked through its real interface. */
class HelkLabIT {
    private static HelkLab lab;

    @BeforeAll
    static void start() {
        lab = SharedAppliance.get();
    }

    @Test
    void elasticsearchAnswersLikeA7102NodeAndIndexesAndSearches() {
        TestHttp.Response root = TestHttp.get(lab.elasticsearchUrl() + "/");
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.body().path("version").path("number").asText()).isEqualTo("7.10.2");

        TestHttp.Response health = TestHttp.get(lab.elasticsearchUrl() + "/_cluster/health");
        assertThat(health.body().path("status").asText()).isIn("green", "yellow");

        String index = "core-it-" + UUID.randomUUID();
        TestHttp.Response indexed = TestHttp.put(lab.elasticsearchUrl() + "/" + index + "/_doc/1?refresh=true",
                "{\"process_name\":\"powershell.exe\",\"event_id\":1}");
        assertThat(indexed.status()).isEqualTo(201);
        TestHttp.Response found = TestHttp.post(lab.elasticsearchUrl() + "/" + index + "/_search",
                "{\"query\":{\"term\":{\"process_name.keyword\":\"powershell.exe\"}}}");
        assertThat(found.body().path("hits").path("total").path("value").asInt()).isEqualTo(1);
        assertThat(found.body().path("hits").path("hits").get(0).path("_source").path("event_id").asInt()).isEqualTo(1);
    }

    @Test
    void painlessScriptsRunThoughTheEngineIsBuiltAfterStart() {
        // The deferred Painless engine: a script field in a search and the execute API (Kibana's Painless Lab).
        String index = "core-it-painless-" + UUID.randomUUID();
        TestHttp.put(lab.elasticsearchUrl() + "/" + index + "/_doc/1?refresh=true", "{\"dst_port\":4444}");
        TestHttp.Response scripted = TestHttp.post(lab.elasticsearchUrl() + "/" + index + "/_search",
                "{\"script_fields\":{\"doubled\":{\"script\":{\"lang\":\"painless\","
                        + "\"source\":\"doc['dst_port'].value * 2\"}}}}");
        assertThat(scripted.status()).isEqualTo(200);
        assertThat(scripted.body().path("hits").path("hits").get(0).path("fields").path("doubled").get(0).asLong())
                .isEqualTo(8888);

        TestHttp.Response executed = TestHttp.post(lab.elasticsearchUrl() + "/_scripts/painless/_execute",
                "{\"script\":{\"source\":\"params.count / params.total\",\"params\":{\"count\":100.0,\"total\":1000.0}}}");
        assertThat(executed.status()).isEqualTo(200);
        assertThat(executed.body().path("result").asText()).isEqualTo("0.1");
    }

    @Test
    void kafkaHasTheHelkTopicsAndRoundTripsARecord() throws Exception {
        Properties adminProperties = new Properties();
        adminProperties.put("bootstrap.servers", lab.kafkaBootstrapServers());
        try (Admin admin = Admin.create(adminProperties)) {
            assertThat(admin.listTopics().names().get()).contains("winlogbeat", "winevent", "SYSMON_JOIN", "alerts");
        }
        String topic = "core-it-" + UUID.randomUUID();
        String value = "{\"hello\":\"" + UUID.randomUUID() + "\"}";
        Properties producerProperties = new Properties();
        producerProperties.put("bootstrap.servers", lab.kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(producerProperties, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, value)).get(30, TimeUnit.SECONDS);
        }
        Properties consumerProperties = new Properties();
        consumerProperties.put("bootstrap.servers", lab.kafkaBootstrapServers());
        consumerProperties.put("group.id", "core-it");
        consumerProperties.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(consumerProperties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String received = null;
            while (received == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    received = record.value();
                }
            }
            assertThat(received).isEqualTo(value);
        }
    }

    @Test
    void theBrokerIsRegisteredInZooKeeper() throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper client = new ZooKeeper(lab.zookeeperConnect(), 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        try {
            assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(client.getChildren("/brokers/ids", false)).containsExactly("0");
            String registration = new String(client.getData("/brokers/ids/0", false, null), java.nio.charset.StandardCharsets.UTF_8);
            String port = lab.kafkaBootstrapServers().substring(lab.kafkaBootstrapServers().lastIndexOf(':') + 1);
            assertThat(registration).contains("127.0.0.1:" + port);
        } finally {
            client.close();
        }
    }

    @Test
    void sparkSqlReadsAnElasticsearchIndexThroughTheConnector() {
        String index = "spark-it-" + UUID.randomUUID();
        TestHttp.put(lab.elasticsearchUrl() + "/" + index + "/_doc/1?refresh=true",
                "{\"host_name\":\"wks01\",\"event_id\":1}");
        TestHttp.put(lab.elasticsearchUrl() + "/" + index + "/_doc/2?refresh=true",
                "{\"host_name\":\"dc01\",\"event_id\":3}");
        Dataset<Row> rows = lab.spark().read().format("es").load(index);
        rows.createOrReplaceTempView("core_it_events");
        List<Row> result = lab.spark().sql("SELECT host_name FROM core_it_events WHERE event_id = 3").collectAsList();
        assertThat(result).extracting(row -> row.getString(0)).containsExactly("dc01");
    }

    @Test
    void sparksDriverExecutorsAndBlockManagersAreOnLoopback() {
        org.apache.spark.SparkContext context = lab.spark().sparkContext();
        assertThat(context.getConf().get("spark.driver.host")).isEqualTo("127.0.0.1");
        assertThat(context.statusTracker().getExecutorInfos())
                .isNotEmpty()
                .allSatisfy(executor -> assertThat(executor.host()).isEqualTo("127.0.0.1"));
        // The host name the local executor runs tasks under (otherwise the first non-loopback address).
        assertThat(org.apache.spark.util.Utils.localHostName()).isEqualTo("127.0.0.1");
    }

    @Test
    void healthReportsEveryServiceUpWithItsAddress() {
        assertThat(lab.health()).containsKeys("zookeeper", "kafka", "elasticsearch", "spark");
        lab.health().forEach((name, health) -> assertThat(health.status()).as(name).isEqualTo(io.helklab.service.ServiceStatus.UP));
        for (String listening : List.of("zookeeper", "kafka", "elasticsearch", "spark", "spark-connect")) {
            assertThat(lab.health().get(listening).address()).as(listening).startsWith("127.0.0.1:");
        }
    }
}
