package io.helklab.launcher;

import io.helklab.config.ElasticsearchConfig;
import io.helklab.config.ExternalElasticsearchConfig;
import io.helklab.config.ExternalKafkaConfig;
import io.helklab.config.HelkLabConfig;
import io.helklab.config.KafkaConfig;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The flags that attach the appliance to existing clusters, each replacing one embedded service; the rest stays
 * embedded. Secrets come from files or the environment, never from the command line, where every user of the
 * machine could read them.
 */
public final class ClusterOptions {

    @Option(names = "--elasticsearch", paramLabel = "URL[,URL…]", split = ",",
            description = "Use this Elasticsearch cluster (7.10–7.17 or 8.x) instead of the embedded node, e.g. https://es1:9200,https://es2:9200.")
    List<String> elasticsearchUrls = new ArrayList<>();

    @Option(names = "--elasticsearch-user", paramLabel = "USER",
            description = "User for --elasticsearch; its password comes from --elasticsearch-password-file or "
                    + ExternalElasticsearchConfig.ELASTICSEARCH_PASSWORD_VARIABLE + ".")
    String elasticsearchUser;

    @Option(names = "--elasticsearch-password-file", paramLabel = "FILE",
            description = "File whose first line is the password of --elasticsearch-user.")
    Path elasticsearchPasswordFile;

    @Option(names = "--elasticsearch-api-key-file", paramLabel = "FILE",
            description = "File whose first line is an API key for --elasticsearch (id:key or its base64 form).")
    Path elasticsearchApiKeyFile;

    @Option(names = "--elasticsearch-ca", paramLabel = "FILE",
            description = "PEM file of the CA that signed the HTTPS certificate of --elasticsearch.")
    Path elasticsearchCertificateAuthority;

    @Option(names = "--kafka", paramLabel = "HOST:PORT[,…]",
            description = "Use this Kafka cluster instead of the embedded broker; then no ZooKeeper starts.")
    String kafkaBootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client properties for --kafka (security.protocol, sasl.*, ssl.*).")
    Path kafkaClientConfig;

    @Option(names = "--kafka-min-partitions", paramLabel = "N", defaultValue = "1",
            description = "Partitions each input topic of --kafka needs at least; missing topics are created with this many (default: ${DEFAULT-VALUE}).")
    int kafkaMinimumPartitions;

    /** {@code config} with the clusters these flags name standing in for the embedded services. */
    HelkLabConfig applyTo(HelkLabConfig config, Map<String, String> environment) {
        checkCombinations();
        HelkLabConfig attached = config;
        if (!elasticsearchUrls.isEmpty()) {
            ElasticsearchConfig elasticsearch = config.elasticsearch().withExternal(elasticsearch(environment));
            attached = attached.withElasticsearch(elasticsearch);
        }
        if (kafkaBootstrapServers != null) {
            KafkaConfig kafka = config.kafka().withExternal(new ExternalKafkaConfig(kafkaBootstrapServers,
                    kafkaClientProperties(), kafkaMinimumPartitions));
            attached = attached.withKafka(kafka);
        }
        return attached;
    }

    private void checkCombinations() {
        boolean elasticsearchDetails = elasticsearchUser != null || elasticsearchPasswordFile != null
                || elasticsearchApiKeyFile != null || elasticsearchCertificateAuthority != null;
        if (elasticsearchUrls.isEmpty() && elasticsearchDetails) {
            throw new IllegalArgumentException("--elasticsearch-user, --elasticsearch-password-file, --elasticsearch-api-key-file "
                    + "and --elasticsearch-ca go with --elasticsearch URL; the embedded node needs none of them");
        }
        if (kafkaBootstrapServers == null && kafkaClientConfig != null) {
            throw new IllegalArgumentException("--kafka-config goes with --kafka HOST:PORT; the embedded broker needs none");
        }
    }

    private ExternalElasticsearchConfig elasticsearch(Map<String, String> environment) {
        List<URI> urls = new ArrayList<>();
        for (String url : elasticsearchUrls) {
            try {
                urls.add(new URI(url.strip()));
            } catch (URISyntaxException malformed) {
                throw new IllegalArgumentException("--elasticsearch '" + url + "' is not a URL (" + malformed.getReason()
                        + "); pass e.g. https://es1:9200", malformed);
            }
        }
        ExternalElasticsearchConfig cluster = ExternalElasticsearchConfig.at(urls);
        if (elasticsearchPasswordFile != null && elasticsearchUser == null) {
            throw new IllegalArgumentException("--elasticsearch-password-file needs --elasticsearch-user");
        }
        if (elasticsearchUser != null) {
            String password = elasticsearchPasswordFile != null
                    ? firstLine(elasticsearchPasswordFile, "--elasticsearch-password-file")
                    : environment.get(ExternalElasticsearchConfig.ELASTICSEARCH_PASSWORD_VARIABLE);
            cluster = cluster.withBasicAuthentication(elasticsearchUser, password == null || password.isEmpty() ? null : password);
        }
        if (elasticsearchApiKeyFile != null) {
            cluster = cluster.withApiKey(firstLine(elasticsearchApiKeyFile, "--elasticsearch-api-key-file"));
        }
        if (elasticsearchCertificateAuthority != null) {
            if (!Files.isReadable(elasticsearchCertificateAuthority)) {
                throw new IllegalArgumentException("--elasticsearch-ca " + elasticsearchCertificateAuthority
                        + " cannot be read; give the PEM file of the CA that signed the cluster's HTTPS certificate");
            }
            cluster = cluster.withCertificateAuthority(elasticsearchCertificateAuthority);
        }
        return cluster;
    }

    private Map<String, String> kafkaClientProperties() {
        if (kafkaClientConfig == null) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(kafkaClientConfig, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("--kafka-config " + kafkaClientConfig + " cannot be read (" + unreadable
                    + "); give a Kafka client properties file such as security.protocol=SASL_SSL", unreadable);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    /** A secret file's first line, without its line break. */
    private static String firstLine(Path file, String flag) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new IllegalArgumentException(flag + " " + file + " cannot be read (" + unreadable
                    + "); put the secret on its first line, readable by you only (chmod 600)", unreadable);
        }
        String line = content.lines().findFirst().orElse("").strip();
        if (line.isEmpty()) {
            throw new IllegalArgumentException(flag + " " + file + " is empty; put the secret on its first line");
        }
        return line;
    }
}
