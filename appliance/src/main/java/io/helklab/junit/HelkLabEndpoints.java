package io.helklab.junit;

/**
 * Where the fixture's services listen; every port is ephemeral. The same values are published as the
 * system properties {@code helklab.elasticsearch.url}, {@code helklab.kafka.bootstrap} and
 * {@code helklab.zookeeper.connect} while the fixture runs, for code that reads its configuration
 * from properties.
 *
 * @param elasticsearchUrl      {@code http://127.0.0.1:<port>}, or {@code null} without Elasticsearch
 * @param kafkaBootstrapServers {@code 127.0.0.1:<port>}, or {@code null} without Kafka
 * @param zookeeperConnect      {@code 127.0.0.1:<port>}, or {@code null} without Kafka
 */
public record HelkLabEndpoints(String elasticsearchUrl, String kafkaBootstrapServers, String zookeeperConnect) {
    public static final String ELASTICSEARCH_URL_PROPERTY = "helklab.elasticsearch.url";
    public static final String KAFKA_BOOTSTRAP_PROPERTY = "helklab.kafka.bootstrap";
    public static final String ZOOKEEPER_CONNECT_PROPERTY = "helklab.zookeeper.connect";
}
