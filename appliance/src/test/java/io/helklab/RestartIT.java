package io.helklab;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.config.Component;
import io.helklab.config.HelkLabConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Indices, topics, records and consumer offsets survive a stop and a start on the same home. */
class RestartIT {

    @Test
    void dataIndexedBeforeAStopIsThereAfterTheNextStart(@TempDir Path home) throws Exception {
        HelkLabConfig config = HelkLabConfig.ephemeral(home)
                .withComponents(Set.of(Component.KAFKA, Component.ELASTICSEARCH));
        TopicPartition partition = new TopicPartition("winlogbeat", 0);

        try (HelkLab lab = HelkLab.create(config).start()) {
            TestHttp.Response indexed = TestHttp.put(lab.elasticsearchUrl() + "/restart-it/_doc/1?refresh=true",
                    "{\"host_name\":\"wks01\"}");
            assertThat(indexed.status()).isEqualTo(201);
            Properties producerProperties = new Properties();
            producerProperties.put("bootstrap.servers", lab.kafkaBootstrapServers());
            try (var producer = new KafkaProducer<>(producerProperties, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("winlogbeat", "first")).get();
                producer.send(new ProducerRecord<>("winlogbeat", "second")).get();
            }
            try (var consumer = consumer(lab)) {
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                ConsumerRecord<String, String> first = pollOne(consumer);
                assertThat(first.value()).isEqualTo("first");
                consumer.commitSync(Map.of(partition, new OffsetAndMetadata(first.offset() + 1)));
            }
        }
        assertThat(Files.exists(home.resolve("run/helk-lab.pid"))).as("pid file removed on close").isFalse();

        try (HelkLab lab = HelkLab.create(config).start()) {
            TestHttp.Response document = TestHttp.get(lab.elasticsearchUrl() + "/restart-it/_doc/1");
            assertThat(document.status()).isEqualTo(200);
            assertThat(document.body().path("_source").path("host_name").asText()).isEqualTo("wks01");
            try (var consumer = consumer(lab)) {
                OffsetAndMetadata committed = consumer.committed(Set.of(partition)).get(partition);
                assertThat(committed).isNotNull();
                assertThat(committed.offset()).isEqualTo(1);
                consumer.assign(List.of(partition));
                consumer.seek(partition, committed.offset());
                assertThat(pollOne(consumer).value()).isEqualTo("second");
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(HelkLab lab) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", lab.kafkaBootstrapServers());
        properties.put("group.id", "restart-it");
        properties.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }

    private static ConsumerRecord<String, String> pollOne(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                return record;
            }
        }
        throw new AssertionError("no record within 30 s");
    }
}
