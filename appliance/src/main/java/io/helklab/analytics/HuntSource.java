package io.helklab.analytics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.sources.RelationProvider;
import org.apache.spark.sql.sources.SchemaRelationProvider;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.elasticsearch.spark.sql.DefaultSource;
import scala.Tuple2;

/**
 * The Spark data source behind the hunt views: the ES-Spark connector with HELK's settings and a filter guard.
 *
 * <p>Use it as {@code spark.read().format(HuntSource.class.getName()).option("resource", "logs-endpoint-winevent-*")}
 * or in {@code CREATE TABLE ... USING io.helklab.analytics.HuntSource OPTIONS (resource '...')}. Options:
 * <ul>
 *   <li>{@code resource}: an index, a pattern or a comma-separated list (required);</li>
 *   <li>{@code inexact_fields}: comma-separated top-level fields whose filters must stay in Spark (text and ip
 *       fields; {@link HuntData} fills it from the mapping);</li>
 *   <li>{@code include_original}: {@code true} to read {@code event_original_message}, which is left out by
 *       default because it is as big as the rest of the document together;</li>
 *   <li>{@code empty}: {@code true} when nothing matches the resource yet: an empty relation with the header
 *       columns, so queries over a channel without data return no rows instead of failing;</li>
 *   <li>any {@code es.*} setting, passed to the connector as it is.</li>
 * </ul>
 * HELK's multi-valued fields ({@code event_parse_warnings}, {@code powershell.param.*},
 * {@code powershell.CommandInvocation}) are read as arrays. The connector connects where
 * {@code EmbeddedSpark.connectElasticsearch} pointed the Spark context. Stateless and thread-safe.
 */
public final class HuntSource implements RelationProvider, SchemaRelationProvider, DataSourceRegister {

    /** Fields the normaliser writes as JSON arrays; the connector needs to be told (it reads a mapping, not data). */
    static final String ARRAY_FIELDS =
            "event_parse_warnings,powershell.param.name,powershell.param.value,powershell.CommandInvocation";
    static final String ORIGINAL_MESSAGE = "event_original_message";

    /** Columns of a resource with no index yet: the header fields every HELK document has. */
    static final StructType HEADER_SCHEMA = new StructType()
            .add("@timestamp", DataTypes.TimestampType)
            .add("event_id", DataTypes.IntegerType)
            .add("host_name", DataTypes.StringType)
            .add("log_name", DataTypes.StringType)
            .add("source_name", DataTypes.StringType);

    @Override
    public String shortName() {
        return "helk";
    }

    @Override
    public BaseRelation createRelation(SQLContext sqlContext, scala.collection.immutable.Map<String, String> parameters) {
        return createRelation(sqlContext, parameters, null);
    }

    @Override
    public BaseRelation createRelation(SQLContext sqlContext, scala.collection.immutable.Map<String, String> parameters,
            StructType schema) {
        Map<String, String> options = javaMap(parameters);
        String resource = options.get("resource");
        if (resource == null || resource.isBlank()) {
            throw new IllegalArgumentException("The hunt data source needs a 'resource' option naming an Elasticsearch "
                    + "index or pattern, e.g. .option(\"resource\", \"logs-endpoint-winevent-sysmon-*\"); got options "
                    + options.keySet());
        }
        Set<String> inexact = Arrays.stream(options.getOrDefault("inexact_fields", "").split(","))
                .map(String::trim).filter(field -> !field.isEmpty()).collect(Collectors.toUnmodifiableSet());
        if (Boolean.parseBoolean(options.getOrDefault("empty", "false"))) {
            return new HuntRelation(sqlContext, null, schema != null ? schema : HEADER_SCHEMA, inexact);
        }
        Map<String, String> connector = new LinkedHashMap<>();
        options.forEach((key, value) -> {
            if (key.startsWith("es.")) {
                connector.put(key, value);
            }
        });
        connector.put("es.resource", resource);
        connector.putIfAbsent("es.read.field.as.array.include", ARRAY_FIELDS);
        if (!Boolean.parseBoolean(options.getOrDefault("include_original", "false"))) {
            connector.putIfAbsent("es.read.field.exclude", ORIGINAL_MESSAGE);
        }
        connector.putIfAbsent("es.index.read.missing.as.empty", "true");
        // Strict: equality becomes a term query, exact on keywords and numbers. Text and ip fields never reach
        // the connector (HuntRelation keeps their filters in Spark), and Spark re-checks every filter anyway.
        connector.put("pushdown", "true");
        connector.put("strict", "true");
        BaseRelation elasticsearch = new DefaultSource().createRelation(sqlContext, scalaMap(connector));
        return new HuntRelation(sqlContext, elasticsearch, schema != null ? schema : elasticsearch.schema(), inexact);
    }

    private static Map<String, String> javaMap(scala.collection.immutable.Map<String, String> parameters) {
        Map<String, String> options = new LinkedHashMap<>();
        scala.collection.Iterator<Tuple2<String, String>> entries = parameters.iterator();
        while (entries.hasNext()) {
            Tuple2<String, String> entry = entries.next();
            options.put(entry._1(), entry._2());
        }
        return options;
    }

    @SuppressWarnings("unchecked")
    private static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> options) {
        scala.collection.immutable.Map<String, String> result = scala.collection.immutable.Map$.MODULE$.empty();
        for (Map.Entry<String, String> entry : options.entrySet()) {
            result = (scala.collection.immutable.Map<String, String>) result.$plus(new Tuple2<>(entry.getKey(),
                    entry.getValue()));
        }
        return result;
    }
}
