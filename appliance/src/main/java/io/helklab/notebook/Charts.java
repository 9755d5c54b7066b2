package io.helklab.notebook;

import io.helklab.kernel.HtmlText;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.unix_timestamp;

import io.helklab.kernel.DisplayData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Charts for notebooks: each is a Vega-Lite v4 specification with its data inlined, plus an inline SVG
 * rendered here as the HTML fallback. Classic Notebook 6.4 has no Vega-Lite renderer and picks the HTML,
 * so charts show without JavaScript, without a network and in saved notebooks; JupyterLab and other front
 * ends that know Vega-Lite draw the interactive version.
 *
 * <p>Each method runs one small aggregation job (two for the histogram) on the caller's thread and keeps at
 * most a few hundred rows on the driver. Stateless and thread-safe.
 */
public final class Charts {
    private static final int BUCKETS = 48;
    private static final long[] BUCKET_SECONDS = {1, 5, 10, 30, 60, 300, 600, 1800, 3600, 3 * 3600, 6 * 3600,
            12 * 3600, 86400, 7 * 86400};

    private Charts() {
    }

    /** Events over time: counts per time bucket (about 48 buckets of a round size) of {@code timeColumn}. */
    public static DisplayData timeHistogram(Dataset<Row> dataset, String timeColumn) {
        Column seconds = unix_timestamp(col(quoted(timeColumn)));
        Row range = dataset.agg(min(seconds), max(seconds)).first();
        if (range.isNullAt(0)) {
            return DisplayData.html("<p>No events with a " + HtmlText.escape(timeColumn) + " to chart.</p>",
                    "No events with a " + timeColumn + " to chart.");
        }
        long span = Math.max(1, range.getLong(1) - range.getLong(0));
        long bucket = BUCKET_SECONDS[BUCKET_SECONDS.length - 1];
        for (long candidate : BUCKET_SECONDS) {
            if (span / candidate <= BUCKETS) {
                bucket = candidate;
                break;
            }
        }
        List<Row> rows = dataset.where(seconds.isNotNull())
                .groupBy(floor(seconds.divide(lit(bucket))).multiply(lit(bucket)).as("bucket"))
                .agg(count(lit(1)).as("events")).orderBy("bucket").collectAsList();
        List<String> labels = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        List<Map<String, Object>> values = new ArrayList<>();
        for (Row row : rows) {
            String time = Instant.ofEpochSecond(row.getLong(0)).toString();
            labels.add(time);
            counts.add(row.getLong(1));
            values.add(Map.of("time", time, "events", row.getLong(1)));
        }
        Map<String, Object> encoding = new LinkedHashMap<>();
        encoding.put("x", Map.of("field", "time", "type", "temporal", "title", timeColumn));
        encoding.put("y", Map.of("field", "events", "type", "quantitative"));
        String title = "Events per " + describe(bucket) + " by " + timeColumn;
        return DisplayData.vegaLite(specification(title, values, "bar", encoding),
                Svg.columns(title, labels, counts));
    }

    /** The {@code n} most frequent values of {@code column}, as horizontal bars. */
    public static DisplayData topN(Dataset<Row> dataset, String column, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("topN needs n of at least 1, got " + n);
        }
        List<Row> rows = dataset.groupBy(col(quoted(column)).as("value")).agg(count(lit(1)).as("events"))
                .orderBy(col("events").desc(), col("value")).limit(n).collectAsList();
        List<String> labels = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        List<Map<String, Object>> values = new ArrayList<>();
        for (Row row : rows) {
            String value = String.valueOf(row.get(0));
            labels.add(value);
            counts.add(row.getLong(1));
            values.add(Map.of("value", value, "events", row.getLong(1)));
        }
        Map<String, Object> encoding = new LinkedHashMap<>();
        encoding.put("y", Map.of("field", "value", "type", "nominal", "sort", "-x", "title", column));
        encoding.put("x", Map.of("field", "events", "type", "quantitative"));
        String title = "Top " + n + " " + column;
        return DisplayData.vegaLite(specification(title, values, "bar", encoding), Svg.bars(title, labels, counts));
    }

    private static Map<String, Object> specification(String title, List<Map<String, Object>> values, String mark,
            Map<String, Object> encoding) {
        Map<String, Object> specification = new LinkedHashMap<>();
        specification.put("$schema", "https://vega.github.io/schema/vega-lite/v4.json");
        specification.put("title", title);
        specification.put("width", 560);
        specification.put("data", Map.of("values", values));
        specification.put("mark", Map.of("type", mark, "tooltip", true));
        specification.put("encoding", encoding);
        return specification;
    }

    /** Back-quotes a column name unless it already is (for {@code @timestamp}). */
    private static String quoted(String column) {
        return column.startsWith("`") ? column : "`" + column.replace("`", "``") + "`";
    }

    private static String describe(long seconds) {
        if (seconds % 86400 == 0) {
            return plural(seconds / 86400, "day");
        }
        if (seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long amount, String unit) {
        return amount == 1 ? unit : String.format(Locale.ROOT, "%d %ss", amount, unit);
    }
}
