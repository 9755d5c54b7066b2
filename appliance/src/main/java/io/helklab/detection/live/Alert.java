package io.helklab.detection.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * One alert document on its way to {@code alerts-YYYY.MM.DD} and the Kafka topic {@code alerts}.
 *
 * @param index  the alert index (in the event's namespace, dated by the event)
 * @param id     derived from the rule and the matched event's document id: a replay overwrites, never duplicates
 * @param source the alert's fields (see SCHEMA.md, "Alerts")
 */
public record Alert(String index, String id, Map<String, Object> source) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The alert as JSON, for Elasticsearch and Kafka. */
    public byte[] json() {
        try {
            return JSON.writeValueAsBytes(source);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("an alert of plain values could not be written as JSON", impossible);
        }
    }

    /** 128 bits of SHA-256 over the rule's key and the event's document id, base64url. */
    static String id(String ruleKey, String eventDocumentId) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest((ruleKey + "\n" + eventDocumentId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java SE JVM has SHA-256", impossible);
        }
    }
}
