package io.helklab.door.hunt;

import io.helklab.schema.IndexNames;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One validated search, as the Search tab sends it. Immutable value; {@link #parse} is the only way in
 * from HTTP and refuses anything out of bounds with a message naming the parameter.
 *
 * @param query Lucene query-string syntax; empty matches everything
 * @param index an index pattern such as {@code logs-*}
 * @param from offset of the first hit; {@code from + size} stays within Elasticsearch's 10,000 window
 * @param filters exact-value filters from the field list (negated ones exclude)
 * @param topValueFields fields whose most frequent values are counted over all matches
 */
public record SearchRequest(String query, String index, TimeRange timeRange, int from, int size, String sortField,
                            boolean sortDescending, List<FieldFilter> filters, List<String> topValueFields,
                            int topValueCount, boolean histogram) {

    public static final String DEFAULT_INDEX = IndexNames.LOGS_PATTERN;
    static final int MAXIMUM_WINDOW = 10_000;
    static final int MAXIMUM_SIZE = 500;
    static final Set<String> PARAMETERS = Set.of("q", "index", "from", "to", "offset", "size", "sort", "filter",
            "top", "topCount", "histogram");
    private static final Pattern INDEX_PATTERN = Pattern.compile("[a-z0-9*][a-z0-9*._+-]*(,[a-z0-9*][a-z0-9*._+-]*)*");
    private static final Pattern FIELD_NAME = Pattern.compile("[@A-Za-z0-9_][A-Za-z0-9_.@-]*");

    /** A filter on one field's exact value; {@code negated} excludes the value instead. */
    public record FieldFilter(String field, String value, boolean negated) {
        public FieldFilter {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
        }

        /** {@code field:value}, or {@code -field:value} for a negated filter; the value may contain colons. */
        static FieldFilter parse(String text) {
            boolean negated = text.startsWith("-");
            String body = negated ? text.substring(1) : text;
            int colon = body.indexOf(':');
            if (colon <= 0) {
                throw HuntRequestException.badParameter("filter", "A filter must read field:value (or -field:value to "
                        + "exclude), got '" + text + "'.");
            }
            return new FieldFilter(requireFieldName(body.substring(0, colon), "filter"), body.substring(colon + 1), negated);
        }

        /** The URL spelling, the inverse of {@link #parse}. */
        public String spelling() {
            return (negated ? "-" : "") + field + ":" + value;
        }
    }

    public SearchRequest {
        Objects.requireNonNull(query, "query");
        QueryLimits.check(query);
        Objects.requireNonNull(timeRange, "timeRange");
        filters = List.copyOf(filters);
        topValueFields = List.copyOf(topValueFields);
        requireIndexPattern(index, "index");
        requireFieldName(sortField, "sort");
        if (from < 0 || size < 0 || size > MAXIMUM_SIZE) {
            throw HuntRequestException.badParameter("size", "Page size must be between 0 and " + MAXIMUM_SIZE
                    + " and the offset not negative; got offset " + from + ", size " + size + ".");
        }
        if ((long) from + size > MAXIMUM_WINDOW) {
            throw HuntRequestException.badParameter("offset", "Only the first " + MAXIMUM_WINDOW + " hits can be paged "
                    + "through (offset " + from + " + size " + size + " is beyond); narrow the query or the time range.");
        }
        topValueFields.forEach(field -> requireFieldName(field, "top"));
    }

    /** Reads and validates the HTTP parameters; relative times are resolved against {@code now}. */
    public static SearchRequest parse(Parameters parameters, Instant now) {
        parameters.requireOnly(PARAMETERS);
        String query = parameters.text("q", "", 10_000).trim();
        String index = parameters.text("index", DEFAULT_INDEX, 255).trim();
        TimeRange range = TimeRange.parse(parameters.text("from", null, 64), parameters.text("to", null, 64), now);
        int offset = parameters.integer("offset", 0, 0, MAXIMUM_WINDOW);
        int size = parameters.integer("size", 50, 0, MAXIMUM_SIZE);
        String sort = parameters.text("sort", "@timestamp:desc", 200).trim();
        int colon = sort.lastIndexOf(':');
        String sortField = colon < 0 ? sort : sort.substring(0, colon);
        String order = colon < 0 ? "desc" : sort.substring(colon + 1);
        if (!order.equals("asc") && !order.equals("desc")) {
            throw HuntRequestException.badParameter("sort", "Sort must read field:asc or field:desc, got '" + sort + "'.");
        }
        List<FieldFilter> filters = parameters.list("filter", false, 50, 10_000).stream().map(FieldFilter::parse).toList();
        List<String> top = parameters.list("top", true, 50, 200);
        int topCount = parameters.integer("topCount", 5, 1, 50);
        boolean histogram = parameters.bool("histogram", true);
        return new SearchRequest(query, index, range, offset, size, sortField, order.equals("desc"), filters, top,
                topCount, histogram);
    }

    static String requireIndexPattern(String index, String parameter) {
        if (index == null || !INDEX_PATTERN.matcher(index).matches() || index.contains("..")) {
            throw HuntRequestException.badParameter(parameter, "'" + index + "' is not an index pattern. Use lower-case "
                    + "index names with * wildcards, comma-separated, such as logs-* or logs-endpoint-winevent-sysmon-*.");
        }
        return index;
    }

    static String requireFieldName(String field, String parameter) {
        if (field == null || !FIELD_NAME.matcher(field).matches() || field.length() > 200) {
            throw HuntRequestException.badParameter(parameter, "'" + field + "' is not a field name (letters, digits, "
                    + "_ . @ -).");
        }
        return field;
    }
}
