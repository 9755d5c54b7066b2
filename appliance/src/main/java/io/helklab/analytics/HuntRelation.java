package io.helklab.analytics;

import java.util.Arrays;
import java.util.Set;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;
import org.apache.spark.sql.sources.PrunedFilteredScan;
import org.apache.spark.sql.sources.StringContains;
import org.apache.spark.sql.sources.StringEndsWith;
import org.apache.spark.sql.sources.StringStartsWith;
import org.apache.spark.sql.types.StructType;
import scala.reflect.ClassTag$;

/**
 * The ES-Spark connector's relation with a guard in front of its filter push-down.
 *
 * <p>The connector reports every filter it translates as handled, so Spark trusts Elasticsearch's answer. That
 * answer is wrong where Elasticsearch's semantics differ from SQL's: on {@code text} fields (HELK's command lines
 * and paths are analysed, so a term query misses and a wildcard query works on single tokens), on {@code ip}
 * fields (no wildcard queries), and for string patterns containing {@code \} or {@code "}, which the connector
 * puts into its JSON without escaping. This relation passes only the filters Elasticsearch evaluates exactly or
 * more loosely, and reports all filters as unhandled, so Spark evaluates every one of them again: results are
 * those of SQL, and Elasticsearch still returns only the documents that can match.
 *
 * <p>Immutable; serialisable as far as Spark needs (only the driver holds it).
 */
final class HuntRelation extends BaseRelation implements PrunedFilteredScan {
    private final transient SQLContext sqlContext;
    private final transient BaseRelation elasticsearch;
    private final StructType schema;
    private final Set<String> inexactFields;

    /** @param elasticsearch the connector's relation, or null for an empty relation */
    HuntRelation(SQLContext sqlContext, BaseRelation elasticsearch, StructType schema, Set<String> inexactFields) {
        this.sqlContext = sqlContext;
        this.elasticsearch = elasticsearch;
        this.schema = schema;
        this.inexactFields = Set.copyOf(inexactFields);
    }

    @Override
    public SQLContext sqlContext() {
        return sqlContext;
    }

    @Override
    public StructType schema() {
        return schema;
    }

    @Override
    public Filter[] unhandledFilters(Filter[] filters) {
        return filters;
    }

    @Override
    public RDD<Row> buildScan(String[] requiredColumns, Filter[] filters) {
        if (elasticsearch == null) {
            return sqlContext.sparkContext().emptyRDD(ClassTag$.MODULE$.apply(Row.class));
        }
        Filter[] pushed = Arrays.stream(filters).filter(this::exactInElasticsearch).toArray(Filter[]::new);
        return ((PrunedFilteredScan) elasticsearch).buildScan(requiredColumns, pushed);
    }

    /** True when Elasticsearch answers the filter exactly or with a superset (Spark filters again). */
    boolean exactInElasticsearch(Filter filter) {
        for (String field : filter.references()) {
            if (inexactFields.contains(field)) {
                return false;
            }
        }
        return !unsafeForWildcard(filter);
    }

    private static boolean unsafeForWildcard(Filter filter) {
        String pattern;
        if (filter instanceof StringStartsWith startsWith) {
            pattern = startsWith.value();
        } else if (filter instanceof StringEndsWith endsWith) {
            pattern = endsWith.value();
        } else if (filter instanceof StringContains contains) {
            pattern = contains.value();
        } else if (filter instanceof And and) {
            return unsafeForWildcard(and.left()) || unsafeForWildcard(and.right());
        } else if (filter instanceof Or or) {
            return unsafeForWildcard(or.left()) || unsafeForWildcard(or.right());
        } else if (filter instanceof Not not) {
            return unsafeForWildcard(not.child());
        } else {
            return false;
        }
        return pattern.indexOf('\\') >= 0 || pattern.indexOf('"') >= 0;
    }

    @Override
    public String toString() {
        return "HuntRelation(" + (elasticsearch == null ? "empty" : elasticsearch.toString()) + ")";
    }
}
