package io.helklab.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helklab.elasticsearch.HelkMappingPlugin;
import io.helklab.ingest.normalize.IndexTemplates;
import io.helklab.elasticsearch.ElasticsearchHttp;
import java.io.IOException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * HELK's index templates as a given cluster takes them.
 *
 * <p>A node with HELK lab's mapper plugin (the embedded one) gets them as they are: legacy templates with
 * {@code parent_keyword} sub-fields and no replicas. Any other cluster gets standard {@code keyword} sub-fields in
 * their place, so {@code <field>.keyword} queries keep working at the cost of indexing each string twice, and the
 * cluster's own replica count. From Elasticsearch 7.8 on they go in as composable templates ({@code _index_template})
 * with a priority above the built-in ones: a composable template that matches an index silences every legacy one,
 * and the default distribution ships {@code logs-*-*}, which would turn HELK's {@code logs-endpoint-winevent-*}
 * indices into data streams. Older clusters get legacy templates ({@code _template}).
 *
 * <p>Stateless; each {@link #install} asks the cluster for its version and plugins once.
 */
final class ClusterTemplates {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Above the built-in templates (100 and below); one step per template, as overlapping patterns need. */
    static final int FIRST_PRIORITY = 500;
    static final String PARENT_KEYWORD = "parent_keyword";

    /** What the installation needs to know about a cluster. */
    record ClusterTraits(int major, int minor, boolean helkFieldTypes) {
        boolean composable() {
            return major > 7 || (major == 7 && minor >= 8);
        }
    }

    private ClusterTemplates() {
    }

    static void install(ElasticsearchHttp elasticsearch, Collection<String> names) throws IOException, InterruptedException {
        ClusterTraits traits = traits(elasticsearch);
        int priority = FIRST_PRIORITY;
        for (Map.Entry<String, String> template : IndexTemplates.all().entrySet()) {
            priority++;
            if (!names.contains(template.getKey())) {
                continue;
            }
            JsonNode legacy = JSON.readTree(template.getValue());
            String path;
            JsonNode body;
            if (traits.helkFieldTypes()) {
                path = "/_template/" + template.getKey();
                body = legacy;
            } else if (traits.composable()) {
                path = "/_index_template/" + template.getKey();
                body = composable(forForeignCluster(legacy), priority);
            } else {
                path = "/_template/" + template.getKey();
                body = forForeignCluster(legacy);
            }
            ElasticsearchHttp.Response response = elasticsearch.put(path, body);
            if (response.status() != 200) {
                throw new IllegalStateException("Elasticsearch at " + elasticsearch.baseUrl() + " refused index template "
                        + template.getKey() + " (PUT " + path + ", " + response.status() + "): " + response.body());
            }
        }
    }

    /** The cluster's version and whether every node has HELK lab's field types. */
    static ClusterTraits traits(ElasticsearchHttp elasticsearch) throws IOException, InterruptedException {
        ElasticsearchHttp.Response root = elasticsearch.get("/");
        if (!root.ok() || root.body() == null) {
            throw new IllegalStateException("Elasticsearch at " + elasticsearch.baseUrl() + " answered " + root.status()
                    + " to GET /: " + root.body());
        }
        String[] version = root.body().path("version").path("number").asText("7.10.2").split("[.-]");
        ElasticsearchHttp.Response plugins = elasticsearch.get("/_nodes/plugins?filter_path=nodes.*.plugins.classname");
        boolean everyNode = plugins.ok() && plugins.body() != null && plugins.body().path("nodes").size() > 0;
        if (everyNode) {
            Iterator<JsonNode> nodes = plugins.body().path("nodes").elements();
            while (nodes.hasNext()) {
                everyNode &= nodes.next().path("plugins").findValuesAsText("classname")
                        .contains(HelkMappingPlugin.class.getName());
            }
        }
        return new ClusterTraits(Integer.parseInt(version[0]), Integer.parseInt(version[1]), everyNode);
    }

    /**
     * A copy of a template for a cluster without HELK lab's field types: every {@code parent_keyword} sub-field a
     * plain {@code keyword} with the parent's length limit, and the replica count left to the cluster.
     */
    static JsonNode forForeignCluster(JsonNode legacy) {
        JsonNode copy = legacy.deepCopy();
        replaceParentKeyword(copy.path("mappings"));
        JsonNode index = copy.path("settings").path("index");
        if (index instanceof ObjectNode settings) {
            settings.remove("number_of_replicas");
        }
        return copy;
    }

    private static void replaceParentKeyword(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (PARENT_KEYWORD.equals(object.path("type").asText(null))) {
                object.put("type", "keyword");
                object.put("ignore_above", 8191);
            }
            object.elements().forEachRemaining(ClusterTemplates::replaceParentKeyword);
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(ClusterTemplates::replaceParentKeyword);
        }
    }

    /** The legacy body {@code {index_patterns, order, settings, mappings}} as a composable one. */
    static JsonNode composable(JsonNode legacy, int priority) {
        ObjectNode body = JSON.createObjectNode();
        body.set("index_patterns", legacy.path("index_patterns"));
        body.put("priority", priority);
        ObjectNode template = body.putObject("template");
        for (String part : new String[] {"settings", "mappings", "aliases"}) {
            if (legacy.has(part)) {
                template.set(part, legacy.get(part));
            }
        }
        return body;
    }
}
