package io.helklab.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes scenario manifests ({@code <name>.json}). Written manifests are pretty-printed with a
 * fixed field order and sorted maps, so regenerating them is reproducible. Reading reports the manifest
 * and the field at fault. Stateless and thread-safe.
 */
public final class ManifestCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ManifestCodec() {
    }

    public static String toJson(Scenario scenario) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", scenario.name());
        root.put("title", scenario.title());
        ArrayNode attack = root.putArray("attack");
        scenario.attack().forEach(technique -> attack.addObject().put("id", technique.id()).put("name", technique.name()));
        root.put("format", scenario.format().id());
        scenario.hosts().forEach(root.putArray("hosts")::add);
        scenario.users().forEach(root.putArray("users")::add);
        root.put("start", scenario.start().toString());
        root.put("end", scenario.end().toString());
        root.put("narrative", scenario.narrative());
        root.put("eventCount", scenario.eventCount());
        ObjectNode counts = root.putObject("counts");
        new TreeMap<>(scenario.counts()).forEach(counts::put);
        ArrayNode answerKey = root.putArray("answerKey");
        for (AnswerFact fact : scenario.answerKey()) {
            ObjectNode node = answerKey.addObject();
            node.put("description", fact.description());
            node.put("index", fact.index());
            ObjectNode match = node.putObject("match");
            new TreeMap<>(fact.match()).forEach((field, value) -> match.set(field, MAPPER.valueToTree(value)));
            node.put("minimumHits", fact.minimumHits());
        }
        ArrayNode challenges = root.putArray("challenges");
        for (Challenge challenge : scenario.challenges()) {
            ObjectNode node = challenges.addObject();
            node.put("id", challenge.id());
            node.put("question", challenge.question());
            challenge.acceptedAnswers().forEach(node.putArray("acceptedAnswers")::add);
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("Serialising the manifest of " + scenario.name() + " failed", impossible);
        }
    }

    /** Parses a manifest; {@code source} names it in error messages. */
    public static Scenario fromJson(String json, String source) {
        try {
            JsonNode root = MAPPER.readTree(json);
            List<AttackTechnique> attack = new ArrayList<>();
            for (JsonNode technique : array(root, "attack", source)) {
                attack.add(new AttackTechnique(text(technique, "id", source), text(technique, "name", source)));
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            required(root, "counts", source).fields().forEachRemaining(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
            List<AnswerFact> answerKey = new ArrayList<>();
            for (JsonNode fact : array(root, "answerKey", source)) {
                Map<String, Object> match = new LinkedHashMap<>();
                required(fact, "match", source).fields().forEachRemaining(entry ->
                        match.put(entry.getKey(), entry.getValue().isNumber() ? entry.getValue().numberValue() : entry.getValue().asText()));
                answerKey.add(new AnswerFact(text(fact, "description", source), text(fact, "index", source), match,
                        required(fact, "minimumHits", source).asInt()));
            }
            List<Challenge> challenges = new ArrayList<>();
            for (JsonNode challenge : array(root, "challenges", source)) {
                challenges.add(new Challenge(text(challenge, "id", source), text(challenge, "question", source),
                        strings(challenge, "acceptedAnswers", source)));
            }
            return new Scenario(text(root, "name", source), text(root, "title", source), attack,
                    RecordFormat.fromId(text(root, "format", source)), strings(root, "hosts", source), strings(root, "users", source),
                    Instant.parse(text(root, "start", source)), Instant.parse(text(root, "end", source)),
                    text(root, "narrative", source), required(root, "eventCount", source).asLong(), counts, answerKey, challenges);
        } catch (JsonProcessingException | DateTimeParseException | IllegalArgumentException invalid) {
            throw new IllegalArgumentException("Manifest " + source + " is invalid: " + invalid.getMessage()
                    + ". Regenerate the samples (see samples/README.md)", invalid);
        }
    }

    private static JsonNode required(JsonNode node, String field, String source) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("field '" + field + "' is missing in " + source + " (at " + abbreviate(node) + ")");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String source) {
        return required(node, field, source).asText();
    }

    private static JsonNode array(JsonNode node, String field, String source) {
        JsonNode value = required(node, field, source);
        if (!value.isArray()) {
            throw new IllegalArgumentException("field '" + field + "' of " + source + " must be an array");
        }
        return value;
    }

    private static List<String> strings(JsonNode node, String field, String source) {
        List<String> values = new ArrayList<>();
        array(node, field, source).forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
