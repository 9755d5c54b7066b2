package io.helklab.door;

import io.helklab.schema.TopicNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the landing page tells a user beyond service health; the launcher fills it once the
 * appliance is up.
 *
 * @param kafkaAddress        the Kafka address shippers on other machines use ({@code host:port}), or
 *                            {@code null} when Kafka is not running
 * @param topic               the topic Winlogbeat writes to
 * @param kafkaRequiresLogin  whether Kafka wants SASL/PLAIN user {@code helk} with the appliance password
 * @param scenarios           the sample scenarios to list; read on every page view
 */
public record LandingInfo(String kafkaAddress, String topic, boolean kafkaRequiresLogin, Supplier<List<String>> scenarios) {

    public LandingInfo {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(scenarios, "scenarios");
    }

    /** Nothing known yet: no Kafka address, no scenarios. */
    public static LandingInfo empty() {
        return new LandingInfo(null, TopicNames.WINLOGBEAT, false, List::of);
    }

    /** The JSON of {@code /api/landing}, which the hunt UI's home tab shows. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kafka", kafkaAddress);
        json.put("topic", topic);
        json.put("kafkaRequiresLogin", kafkaRequiresLogin);
        json.put("winlogbeatSnippet", winlogbeatSnippet());
        json.put("scenarios", scenarios.get());
        json.put("links", Map.of("notebooks", "/jupyter/", "kibana", "/kibana/", "status", "/status"));
        return json;
    }

    /** The {@code output.kafka} section of a {@code winlogbeat.yml}, or empty without Kafka. */
    public String winlogbeatSnippet() {
        if (kafkaAddress == null) {
            return "";
        }
        StringBuilder yaml = new StringBuilder()
                .append("output.kafka:\n")
                .append("  hosts: [\"").append(kafkaAddress).append("\"]\n")
                .append("  topic: \"").append(topic).append("\"\n")
                .append("  required_acks: 1\n");
        if (kafkaRequiresLogin) {
            yaml.append("  username: \"helk\"\n")
                .append("  password: \"<the appliance password>\"\n")
                .append("  sasl.mechanism: PLAIN\n");
        }
        return yaml.toString();
    }
}
