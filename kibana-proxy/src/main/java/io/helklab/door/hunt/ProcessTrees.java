package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helklab.door.hunt.FieldCatalog.Field;
import io.helklab.ingest.normalize.Channel;
import io.helklab.schema.IndexNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Sysmon process trees and per-process activity. A tree is built from the process-creation events
 * (event id 1) of one host in a time window by linking {@code process_parent_guid} to {@code process_guid};
 * a parent created before the window appears as an unobserved node described by its children's
 * {@code process_parent_*} fields. Each node carries how many activity events (see {@link #ACTIVITY_EVENTS})
 * it produced. Thread-safe; two Elasticsearch searches per tree, one per activity listing.
 */
public final class ProcessTrees {
    public static final String DEFAULT_INDEX = IndexNames.channelPattern(Channel.SYSMON);
    /** Network 3, remote thread 8, process access 10, file 11, registry 12–14, DNS 22. */
    public static final List<Integer> ACTIVITY_EVENTS = List.of(3, 8, 10, 11, 12, 13, 14, 22);
    static final int MAXIMUM_PROCESSES = 10_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    private static final Pattern GUID = Pattern.compile("\\{?[0-9A-Fa-f-]{8,64}}?");
    private static final String SEARCH_OPTIONS = "/_search?ignore_unavailable=true&allow_no_indices=true";
    private static final List<String> PROCESS_FIELDS = List.of("@timestamp", "process_guid", "process_parent_guid",
            "process_id", "process_name", "process_path", "process_command_line", "user_account", "user_name",
            "user_domain", "process_integrity_level", "process_parent_id", "process_parent_path",
            "process_parent_name", "process_parent_command_line");

    private final HuntElasticsearch elasticsearch;
    private final FieldCatalog catalog;

    public ProcessTrees(HuntElasticsearch elasticsearch, FieldCatalog catalog) {
        this.elasticsearch = elasticsearch;
        this.catalog = catalog;
    }

    /** The hosts with Sysmon events in the range, most events first. */
    public ArrayNode hosts(String index, TimeRange range) {
        SearchRequest.requireIndexPattern(index, "index");
        ArrayNode hosts = NODES.arrayNode();
        String hostField = aggregationField(index, "host_name");
        if (hostField == null) {
            return hosts;
        }
        ObjectNode body = NODES.objectNode();
        body.put("size", 0);
        body.set("query", rangeQuery(range));
        body.putObject("aggs").putObject("hosts").putObject("terms").put("field", hostField).put("size", 500);
        JsonNode response = elasticsearch.post("/" + index + SEARCH_OPTIONS, body, null);
        for (JsonNode bucket : response.path("aggregations").path("hosts").path("buckets")) {
            hosts.addObject().put("host", bucket.path("key").asText()).put("events", bucket.path("doc_count").asLong());
        }
        return hosts;
    }

    /** The process tree of {@code host} in {@code range}: {@code {host, processes, truncated, roots:[node…]}}. */
    public ObjectNode tree(String index, String host, TimeRange range) {
        SearchRequest.requireIndexPattern(index, "index");
        requireHost(host);
        ObjectNode result = NODES.objectNode().put("host", host);
        String hostField = aggregationField(index, "host_name");
        String guidField = aggregationField(index, "process_guid");
        if (hostField == null || guidField == null) {
            return result.put("processes", 0).put("truncated", false).set("roots", NODES.arrayNode());
        }
        ObjectNode body = NODES.objectNode();
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode filter = bool.putArray("filter");
        filter.add(hostTerm(hostField, host));
        filter.addObject().putObject("term").put("event_id", 1);
        addRange(filter, range);
        body.put("size", MAXIMUM_PROCESSES);
        body.put("track_total_hits", true);
        body.putArray("sort").addObject().put("@timestamp", "asc");
        PROCESS_FIELDS.forEach(body.putArray("_source")::add);
        JsonNode response = elasticsearch.post("/" + index + SEARCH_OPTIONS, body, null);
        long total = response.path("hits").path("total").path("value").asLong();
        Map<String, Map<String, Long>> activity = activityCounts(index, hostField, guidField, host, range);
        List<ObjectNode> roots = link(response.path("hits").path("hits"), activity);
        result.put("processes", total);
        result.put("truncated", total > MAXIMUM_PROCESSES);
        ArrayNode rootArray = result.putArray("roots");
        roots.forEach(rootArray::add);
        return result;
    }

    /** Joins creation events into trees; package-private so the linking is unit-tested. */
    static List<ObjectNode> link(JsonNode hits, Map<String, Map<String, Long>> activity) {
        Map<String, ObjectNode> byGuid = new LinkedHashMap<>();
        for (JsonNode hit : hits) {
            JsonNode source = hit.path("_source");
            String guid = source.path("process_guid").asText("");
            if (guid.isEmpty() || byGuid.containsKey(guid)) {
                continue;
            }
            ObjectNode node = NODES.objectNode();
            node.put("guid", guid);
            node.put("parentGuid", source.path("process_parent_guid").asText(null));
            node.put("time", source.path("@timestamp").asText(null));
            node.set("pid", source.path("process_id"));
            node.put("name", source.path("process_name").asText(null));
            node.put("path", source.path("process_path").asText(null));
            node.put("commandLine", source.path("process_command_line").asText(null));
            node.put("user", source.path("user_account").asText(source.path("user_name").asText(null)));
            node.put("integrityLevel", source.path("process_integrity_level").asText(null));
            node.put("observed", true);
            node.set("activity", counts(activity.get(guid)));
            node.putArray("children");
            byGuid.put(guid, node);
        }
        Map<String, ObjectNode> unobservedParents = new LinkedHashMap<>();
        Map<ObjectNode, ObjectNode> parentOf = new IdentityHashMap<>();
        List<ObjectNode> roots = new ArrayList<>();
        for (JsonNode hit : hits) {
            JsonNode source = hit.path("_source");
            ObjectNode node = byGuid.get(source.path("process_guid").asText(""));
            if (node == null || node.path("linked").asBoolean()) {
                continue;
            }
            node.put("linked", true);
            String parentGuid = source.path("process_parent_guid").asText("");
            ObjectNode parent = byGuid.get(parentGuid);
            if (parent == null && !parentGuid.isEmpty()) {
                parent = unobservedParents.computeIfAbsent(parentGuid, guid -> {
                    ObjectNode placeholder = NODES.objectNode();
                    placeholder.put("guid", guid);
                    placeholder.set("pid", source.path("process_parent_id"));
                    placeholder.put("name", source.path("process_parent_name").asText(null));
                    placeholder.put("path", source.path("process_parent_path").asText(null));
                    placeholder.put("commandLine", source.path("process_parent_command_line").asText(null));
                    placeholder.put("observed", false);
                    placeholder.set("activity", counts(activity.get(guid)));
                    placeholder.putArray("children");
                    roots.add(placeholder);
                    return placeholder;
                });
            }
            if (parent == null || isAncestorOrSelf(node, parent, parentOf)) {
                // Inconsistent data (a process claiming its own descendant as parent) must not make a cycle.
                roots.add(node);
            } else {
                parentOf.put(node, parent);
                ((ArrayNode) parent.path("children")).add(node);
            }
        }
        byGuid.values().forEach(node -> node.remove("linked"));
        roots.sort(Comparator.comparing((ObjectNode node) -> node.path("time").asText("")));
        return roots;
    }

    /**
     * Host names compare case-insensitively: the normaliser lower-cases {@code host_name}, while people (and the
     * event log) write {@code WKS02.helk.lab}.
     */
    private static ObjectNode hostTerm(String hostField, String host) {
        ObjectNode term = NODES.objectNode();
        term.putObject("term").putObject(hostField).put("value", host).put("case_insensitive", true);
        return term;
    }

    private static ObjectNode counts(Map<String, Long> byEvent) {
        ObjectNode counts = NODES.objectNode();
        if (byEvent != null) {
            byEvent.forEach(counts::put);
        }
        return counts;
    }

    private static boolean isAncestorOrSelf(ObjectNode candidate, ObjectNode node, Map<ObjectNode, ObjectNode> parentOf) {
        for (ObjectNode current = node; current != null; current = parentOf.get(current)) {
            if (current == candidate) {
                return true;
            }
        }
        return false;
    }

    private Map<String, Map<String, Long>> activityCounts(String index, String hostField, String guidField, String host,
                                                         TimeRange range) {
        ObjectNode body = NODES.objectNode();
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.add(hostTerm(hostField, host));
        ArrayNode eventIds = filter.addObject().putObject("terms").putArray("event_id");
        ACTIVITY_EVENTS.forEach(eventIds::add);
        addRange(filter, range);
        body.put("size", 0);
        ObjectNode byProcess = body.putObject("aggs").putObject("processes");
        byProcess.putObject("terms").put("field", guidField).put("size", MAXIMUM_PROCESSES);
        byProcess.putObject("aggs").putObject("events").putObject("terms").put("field", "event_id").put("size", 20);
        JsonNode response = elasticsearch.post("/" + index + SEARCH_OPTIONS, body, null);
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (JsonNode process : response.path("aggregations").path("processes").path("buckets")) {
            Map<String, Long> byEvent = new TreeMap<>();
            for (JsonNode event : process.path("events").path("buckets")) {
                byEvent.put(event.path("key").asText(), event.path("doc_count").asLong());
            }
            counts.put(process.path("key").asText(), byEvent);
        }
        return counts;
    }

    /**
     * What one process did: its creation event and its activity events, oldest first:
     * {@code {guid, process, total, counts:{eventId: n}, events:[{index, id, source}]}}.
     */
    public ObjectNode activity(String index, String guid, String host, TimeRange range, int size) {
        SearchRequest.requireIndexPattern(index, "index");
        String normalised = requireGuid(guid);
        ObjectNode result = NODES.objectNode().put("guid", normalised);
        String guidField = aggregationField(index, "process_guid");
        if (guidField == null) {
            return result.put("total", 0).<ObjectNode>set("counts", NODES.objectNode()).set("events", NODES.arrayNode());
        }
        ObjectNode body = NODES.objectNode();
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put(guidField, normalised);
        ArrayNode eventIds = filter.addObject().putObject("terms").putArray("event_id");
        eventIds.add(1);
        ACTIVITY_EVENTS.forEach(eventIds::add);
        if (host != null) {
            requireHost(host);
            String hostField = aggregationField(index, "host_name");
            filter.add(hostTerm(hostField == null ? "host_name" : hostField, host));
        }
        addRange(filter, range);
        body.put("size", size);
        body.put("track_total_hits", true);
        body.putArray("sort").addObject().put("@timestamp", "asc");
        body.putObject("_source").putArray("excludes").add("event_original_message");
        body.putObject("aggs").putObject("events").putObject("terms").put("field", "event_id").put("size", 20);
        JsonNode response = elasticsearch.post("/" + index + SEARCH_OPTIONS, body, null);
        ObjectNode counts = NODES.objectNode();
        for (JsonNode bucket : response.path("aggregations").path("events").path("buckets")) {
            counts.put(bucket.path("key").asText(), bucket.path("doc_count").asLong());
        }
        ArrayNode events = NODES.arrayNode();
        for (JsonNode hit : response.path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            if (source.path("event_id").asInt() == 1 && !result.has("process")) {
                result.set("process", source);
                continue;
            }
            events.addObject().put("index", hit.path("_index").asText()).put("id", hit.path("_id").asText())
                    .set("source", source);
        }
        result.put("total", response.path("hits").path("total").path("value").asLong());
        result.set("counts", counts);
        result.set("events", events);
        return result;
    }

    private String aggregationField(String index, String name) {
        Field field = catalog.fields(index).get(name);
        return field == null ? null : field.aggregationField();
    }

    private static ObjectNode rangeQuery(TimeRange range) {
        ObjectNode query = NODES.objectNode();
        addRange(query.putObject("bool").putArray("filter"), range);
        return query;
    }

    private static void addRange(ArrayNode filter, TimeRange range) {
        if (range.from() == null && range.to() == null) {
            return;
        }
        ObjectNode timestamp = filter.addObject().putObject("range").putObject("@timestamp");
        if (range.from() != null) {
            timestamp.put("gte", range.from().toEpochMilli());
        }
        if (range.to() != null) {
            timestamp.put("lt", range.to().toEpochMilli());
        }
        timestamp.put("format", "epoch_millis");
    }

    static String requireHost(String host) {
        if (host == null || !HOST.matcher(host).matches()) {
            throw HuntRequestException.badParameter("host", "'" + host + "' is not a host name (letters, digits, . _ -), "
                    + "e.g. WKS02.helk.lab as host_name stores it.");
        }
        return host;
    }

    /** GUIDs compare as the normaliser stores them: lower case, no braces. */
    static String requireGuid(String guid) {
        if (guid == null || !GUID.matcher(guid).matches()) {
            throw HuntRequestException.badParameter("guid", "'" + guid + "' is not a process GUID such as "
                    + "c4d0719b-facc-6ac4-bc88-00000000f086 (braces optional).");
        }
        return guid.replace("{", "").replace("}", "").toLowerCase(Locale.ROOT);
    }
}
