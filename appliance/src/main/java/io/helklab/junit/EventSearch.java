package io.helklab.junit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helklab.config.Component;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.schema.IndexNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Queries over one set of HELK indices, with hits as plain maps: a Lucene query string, a Query DSL
 * JSON, or Spark SQL over views of the indices.
 *
 * <p>An injected {@code EventSearch} covers HELK's own indices ({@code logs-endpoint-winevent-*},
 * {@code logs-indexme-*}, {@code parse-failures-*}), where {@link HelkLabTest#samples()} are preloaded;
 * a {@link HuntNamespace} covers only its namespace. Every query refreshes the indices first, so what
 * the indexer wrote is visible. Hits come sorted by {@code @timestamp}, each the document's
 * {@code _source} plus {@code _index} and {@code _id}, at most 10,000. Safe to use from several threads,
 * except {@link #sql}, which uses one Spark session per instance.
 */
public class EventSearch {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_HITS = 10_000;
    /** View name → index family, for {@link #sql}. */
    private static final Map<String, String> VIEWS = views();

    final HelkLabFixture fixture;
    private final String indexPrefix;
    private SparkSession sparkSession;

    EventSearch(HelkLabFixture fixture, String indexPrefix) {
        this.fixture = fixture;
        this.indexPrefix = indexPrefix;
    }

    private static Map<String, String> views() {
        Map<String, String> views = new LinkedHashMap<>();
        for (String channel : IndexNames.CHANNELS) {
            views.put(channel, IndexNames.channelPattern(channel));
        }
        views.put("winevent", IndexNames.WINEVENT_PATTERN);
        views.put("indexme", IndexNames.CATCH_ALL_PATTERN);
        views.put("parse_failures", IndexNames.PARSE_FAILURES_PATTERN);
        return views;
    }

    /** The indices this search covers, as an Elasticsearch index expression. */
    public String indexPattern() {
        return indexPrefix + IndexNames.WINEVENT_PATTERN + "," + indexPrefix + IndexNames.CATCH_ALL_PATTERN + ","
                + indexPrefix + IndexNames.PARSE_FAILURES_PATTERN;
    }

    /** Documents matching a Lucene query string, e.g. {@code event_id:10 AND process_name:werfault.exe}. */
    public List<Map<String, Object>> search(String luceneQuery) {
        return hits(Map.of("query", Map.of("query_string", Map.of("query", luceneQuery))), luceneQuery);
    }

    /**
     * Documents matching a Query DSL query: either the query object itself
     * ({@code {"bool": {...}}}) or a whole search body ({@code {"query": {...}, "size": 5}}).
     */
    public List<Map<String, Object>> searchDsl(String queryJson) {
        JsonNode parsed;
        try {
            parsed = JSON.readTree(queryJson);
        } catch (JsonProcessingException notJson) {
            throw new IllegalArgumentException("The Query DSL is not valid JSON (" + notJson.getOriginalMessage()
                    + "): " + queryJson, notJson);
        }
        if (parsed == null || !parsed.isObject()) {
            throw new IllegalArgumentException("The Query DSL must be a JSON object such as {\"term\": {\"event_id\": 10}}, got: "
                    + queryJson);
        }
        if (parsed.has("query")) {
            return execute((ObjectNode) parsed, queryJson);
        }
        return hits(Map.of("query", parsed), queryJson);
    }

    /** How many documents match a Lucene query string ({@code *} counts everything). */
    public long count(String luceneQuery) {
        refresh();
        return countAsOfLastRefresh(luceneQuery);
    }

    /** {@link #count} without forcing a refresh: what the index's own refresh cycle has made visible. */
    long countAsOfLastRefresh(String luceneQuery) {
        try {
            return http().count(indexPattern(), Map.of("query_string", Map.of("query", luceneQuery)));
        } catch (IOException failure) {
            throw new IllegalArgumentException("Counting '" + luceneQuery + "' in " + indexPattern() + " failed: "
                    + failure.getMessage(), failure);
        } catch (InterruptedException interrupted) {
            throw interrupted(interrupted);
        }
    }

    private List<Map<String, Object>> hits(Map<String, Object> query, String asGiven) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("size", MAX_HITS);
        body.put("sort", List.of(Map.of("@timestamp", Map.of("order", "asc", "unmapped_type", "date"))));
        body.putAll(query);
        ObjectNode tree = JSON.valueToTree(body);
        return execute(tree, asGiven);
    }

    private List<Map<String, Object>> execute(ObjectNode body, String asGiven) {
        if (!body.has("size")) {
            body.put("size", MAX_HITS);
        }
        try {
            refresh();
            ElasticsearchHttp.Response response = http().post("/" + indexPattern()
                    + "/_search?ignore_unavailable=true&allow_no_indices=true", body);
            if (!response.ok()) {
                throw new IllegalArgumentException("Elasticsearch refused the query " + asGiven + " on " + indexPattern()
                        + " (" + response.status() + "): " + reason(response.body()));
            }
            List<Map<String, Object>> hits = new ArrayList<>();
            for (JsonNode hit : response.body().path("hits").path("hits")) {
                Map<String, Object> document = JSON.convertValue(hit.path("_source"), new TypeReference<>() { });
                document.put("_index", hit.path("_index").asText());
                document.put("_id", hit.path("_id").asText());
                hits.add(document);
            }
            return hits;
        } catch (IOException failure) {
            throw new UncheckedIOException("Searching " + indexPattern() + " failed: " + failure.getMessage(), failure);
        } catch (InterruptedException interrupted) {
            throw interrupted(interrupted);
        }
    }

    private static String reason(JsonNode body) {
        if (body == null) {
            return "(no JSON body)";
        }
        JsonNode rootCause = body.path("error").path("root_cause").path(0);
        return rootCause.isMissingNode() ? body.toString() : rootCause.path("type").asText() + ": "
                + rootCause.path("reason").asText();
    }

    /**
     * Runs Spark SQL over views of these indices, one per HELK channel ({@code sysmon}, {@code security},
     * {@code system}, {@code application}, {@code powershell}, {@code wmiactivity}), all channels
     * ({@code winevent}), {@code indexme} and {@code parse_failures}; a view exists once its index does.
     * Quote {@code @timestamp} as {@code `@timestamp`}. Needs {@link FixtureService#SPARK}.
     */
    public synchronized List<Map<String, Object>> sql(String sparkSql) {
        if (!fixture.lab().config().has(Component.SPARK)) {
            throw new IllegalStateException("sql(...) needs Spark, which this fixture does not run (services "
                    + fixture.settings().serviceNames() + "); add FixtureService.SPARK to @HelkLabTest(services) and run that "
                    + "class in its own JVM (Spark allows one context per JVM)");
        }
        if (sparkSession == null) {
            // A session of its own: temporary views of parallel tests must not replace each other.
            sparkSession = fixture.lab().spark().newSession();
        }
        refresh();
        List<String> registered = new ArrayList<>();
        for (Map.Entry<String, String> view : VIEWS.entrySet()) {
            String pattern = indexPrefix + view.getValue();
            if (exists(pattern)) {
                sparkSession.read().format("es").load(pattern).createOrReplaceTempView(view.getKey());
                registered.add(view.getKey());
            }
        }
        try {
            return sparkSession.sql(sparkSql).collectAsList().stream().map(EventSearch::toMap).toList();
        } catch (RuntimeException failed) {
            throw new IllegalArgumentException("Spark SQL failed on " + indexPattern() + " (views " + registered + "): "
                    + failed.getMessage() + "; query: " + sparkSql, failed);
        }
    }

    private boolean exists(String pattern) {
        try {
            JsonNode indices = http().get("/_cat/indices/" + pattern + "?format=json&h=index").body();
            return indices != null && indices.isArray() && indices.size() > 0;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            throw interrupted(interrupted);
        }
    }

    static Map<String, Object> toMap(Row row) {
        Map<String, Object> values = new LinkedHashMap<>();
        String[] names = row.schema().fieldNames();
        for (int i = 0; i < names.length; i++) {
            values.put(names[i], toJava(row.get(i)));
        }
        return values;
    }

    private static Object toJava(Object value) {
        if (value instanceof Row nested) {
            return toMap(nested);
        }
        if (value instanceof scala.collection.Seq<?> sequence) {
            List<Object> list = new ArrayList<>();
            scala.collection.JavaConverters.seqAsJavaList(sequence).forEach(element -> list.add(toJava(element)));
            return list;
        }
        return value;
    }

    /** Makes everything the indexer wrote to these indices searchable. */
    void refresh() {
        try {
            http().post("/" + indexPattern() + "/_refresh?ignore_unavailable=true&allow_no_indices=true", Map.of());
        } catch (IOException failure) {
            throw new UncheckedIOException("Refreshing " + indexPattern() + " failed", failure);
        } catch (InterruptedException interrupted) {
            throw interrupted(interrupted);
        }
    }

    ElasticsearchHttp http() {
        return fixture.elasticsearchHttp();
    }

    static IllegalStateException interrupted(InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return new IllegalStateException("interrupted while waiting for Elasticsearch", interrupted);
    }
}
