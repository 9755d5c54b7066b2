package io.helklab.elasticsearch;

import java.io.IOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.search.spans.SpanQuery;
import org.elasticsearch.common.time.DateMathParser;
import org.elasticsearch.common.unit.Fuzziness;
import org.elasticsearch.index.fielddata.IndexFieldData;
import org.elasticsearch.index.mapper.KeywordFieldMapper;
import org.elasticsearch.index.mapper.MappedFieldType;
import org.elasticsearch.index.mapper.MapperService;
import org.elasticsearch.index.mapper.ParametrizedFieldMapper;
import org.elasticsearch.index.mapper.ParseContext;
import org.elasticsearch.index.mapper.StringFieldType;
import org.elasticsearch.index.mapper.ValueFetcher;
import org.elasticsearch.index.query.QueryRewriteContext;
import org.elasticsearch.index.query.QueryShardContext;
import org.elasticsearch.search.DocValueFormat;
import org.elasticsearch.search.lookup.SearchLookup;

/**
 * {@code "type": "parent_keyword"}: a multi-field of a {@code keyword} field that indexes nothing and answers
 * every query, aggregation and sort from its parent's terms and doc values.
 *
 * <p>Why: HELK mapped every string as {@code keyword} with a {@code .keyword} sub-field, and hunters' queries,
 * Kibana visualisations and notebooks say {@code process_name.keyword}. A real sub-field indexes each string
 * twice, a large share of Elasticsearch's indexing time for Sysmon events. With this type,
 * {@code process_name.keyword} keeps working (field caps report it as an aggregatable, searchable
 * {@code keyword}) at no indexing cost. Only valid below a {@code keyword} field with doc values, as
 * HELK's templates declare it.
 */
public final class ParentKeywordFieldMapper extends ParametrizedFieldMapper {
    public static final String CONTENT_TYPE = "parent_keyword";
    public static final TypeParser PARSER = new TypeParser((name, context) -> new Builder(name));

    /** Builds the mapper; it has no parameters of its own. */
    public static final class Builder extends ParametrizedFieldMapper.Builder {
        Builder(String name) {
            super(name);
        }

        @Override
        protected List<Parameter<?>> getParameters() {
            return List.of();
        }

        @Override
        public ParentKeywordFieldMapper build(BuilderContext context) {
            String fullName = buildFullName(context);
            int dot = fullName.lastIndexOf('.');
            if (dot < 0) {
                throw new IllegalArgumentException("[" + fullName + "] is of type [" + CONTENT_TYPE
                        + "], which is only allowed as a multi-field of a keyword field (\"fields\": {\"keyword\": "
                        + "{\"type\": \"" + CONTENT_TYPE + "\"}})");
            }
            return new ParentKeywordFieldMapper(name, new ParentKeywordFieldType(fullName, fullName.substring(0, dot)),
                    multiFieldsBuilder.build(this, context), copyTo.build());
        }
    }

    private ParentKeywordFieldMapper(String simpleName, MappedFieldType type, MultiFields multiFields, CopyTo copyTo) {
        super(simpleName, type, multiFields, copyTo);
    }

    @Override
    protected void parseCreateField(ParseContext context) {
        // Nothing to index: the parent keyword field already holds the value's term and doc value.
    }

    @Override
    protected String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public ParametrizedFieldMapper.Builder getMergeBuilder() {
        return new Builder(simpleName()).init(this);
    }

    /** A keyword field type named {@code <parent>.keyword} whose every search goes to {@code <parent>}. */
    static final class ParentKeywordFieldType extends StringFieldType {
        private final KeywordFieldMapper.KeywordFieldType parent;

        ParentKeywordFieldType(String name, String parentName) {
            this(name, new KeywordFieldMapper.KeywordFieldType(parentName));
        }

        private ParentKeywordFieldType(String name, KeywordFieldMapper.KeywordFieldType parent) {
            super(name, true, false, true, parent.getTextSearchInfo(), Map.of());
            this.parent = parent;
        }

        @Override
        public String typeName() {
            return KeywordFieldMapper.CONTENT_TYPE;
        }

        @Override
        public IndexFieldData.Builder fielddataBuilder(String fullyQualifiedIndexName, Supplier<SearchLookup> searchLookup) {
            return parent.fielddataBuilder(fullyQualifiedIndexName, searchLookup);
        }

        @Override
        public ValueFetcher valueFetcher(MapperService mapperService, SearchLookup searchLookup, String format) {
            return parent.valueFetcher(mapperService, searchLookup, format);
        }

        @Override
        public Object valueForDisplay(Object value) {
            return parent.valueForDisplay(value);
        }

        @Override
        public DocValueFormat docValueFormat(String format, ZoneId timeZone) {
            return parent.docValueFormat(format, timeZone);
        }

        @Override
        public Query termQuery(Object value, QueryShardContext context) {
            return parent.termQuery(value, context);
        }

        @Override
        public Query termQueryCaseInsensitive(Object value, QueryShardContext context) {
            return parent.termQueryCaseInsensitive(value, context);
        }

        @Override
        public Query termsQuery(List<?> values, QueryShardContext context) {
            return parent.termsQuery(values, context);
        }

        @Override
        public Query rangeQuery(Object lowerTerm, Object upperTerm, boolean includeLower, boolean includeUpper,
                QueryShardContext context) {
            return parent.rangeQuery(lowerTerm, upperTerm, includeLower, includeUpper, context);
        }

        @Override
        public Query fuzzyQuery(Object value, Fuzziness fuzziness, int prefixLength, int maxExpansions,
                boolean transpositions, QueryShardContext context) {
            return parent.fuzzyQuery(value, fuzziness, prefixLength, maxExpansions, transpositions, context);
        }

        @Override
        public Query prefixQuery(String value, MultiTermQuery.RewriteMethod method, boolean caseInsensitive,
                QueryShardContext context) {
            return parent.prefixQuery(value, method, caseInsensitive, context);
        }

        @Override
        public Query wildcardQuery(String value, MultiTermQuery.RewriteMethod method, boolean caseInsensitive,
                QueryShardContext context) {
            return parent.wildcardQuery(value, method, caseInsensitive, context);
        }

        @Override
        public Query regexpQuery(String value, int syntaxFlags, int matchFlags, int maxDeterminizedStates,
                MultiTermQuery.RewriteMethod method, QueryShardContext context) {
            return parent.regexpQuery(value, syntaxFlags, matchFlags, maxDeterminizedStates, method, context);
        }

        @Override
        public Query existsQuery(QueryShardContext context) {
            return parent.existsQuery(context);
        }

        @Override
        public SpanQuery spanPrefixQuery(String value, SpanMultiTermQueryWrapper.SpanRewriteMethod method,
                QueryShardContext context) {
            return parent.spanPrefixQuery(value, method, context);
        }

        @Override
        public Relation isFieldWithinQuery(IndexReader reader, Object from, Object to, boolean includeLower,
                boolean includeUpper, ZoneId timeZone, DateMathParser dateMathParser, QueryRewriteContext context)
                throws IOException {
            return parent.isFieldWithinQuery(reader, from, to, includeLower, includeUpper, timeZone, dateMathParser, context);
        }
    }
}
