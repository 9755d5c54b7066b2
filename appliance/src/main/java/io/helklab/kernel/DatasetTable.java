package io.helklab.kernel;

import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Renders the first rows of a Spark {@code Dataset} as an HTML table (every value escaped) with a
 * plain-text twin, and says how many rows there are in total.
 *
 * <p>Takes at most {@code limit} rows; counts the rows with a second Spark job only when the first
 * page is full. Runs on the caller's thread, so the caller's Spark job group applies.
 */
public final class DatasetTable {

    private static final int TEXT_COLUMN_WIDTH = 40;

    private DatasetTable() {
    }

    public static DisplayData render(Dataset<Row> dataset, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("The row limit must be at least 1, got " + limit);
        }
        String[] columns = dataset.columns();
        List<Row> rows = dataset.takeAsList(limit);
        long total = rows.size() < limit ? rows.size() : dataset.count();
        String summary = rows.size() == total
                ? total + (total == 1 ? " row" : " rows")
                : "showing the first " + rows.size() + " of " + total + " rows";
        return DisplayData.html(html(columns, rows, summary), text(columns, rows, summary));
    }

    private static String html(String[] columns, List<Row> rows, String summary) {
        StringBuilder html = new StringBuilder("<table class=\"helk-lab-table\">\n<thead><tr>");
        for (String column : columns) {
            html.append("<th>").append(HtmlText.escape(column)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (Row row : rows) {
            html.append("<tr>");
            for (int index = 0; index < columns.length; index++) {
                html.append("<td>").append(HtmlText.escape(value(row, index))).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table>\n<p class=\"helk-lab-row-count\">")
                .append(HtmlText.escape(summary)).append("</p>").toString();
    }

    private static String text(String[] columns, List<Row> rows, String summary) {
        int[] widths = new int[columns.length];
        for (int index = 0; index < columns.length; index++) {
            widths[index] = Math.min(TEXT_COLUMN_WIDTH, columns[index].length());
            for (Row row : rows) {
                widths[index] = Math.max(widths[index], Math.min(TEXT_COLUMN_WIDTH, value(row, index).length()));
            }
        }
        StringBuilder text = new StringBuilder();
        appendLine(text, columns, widths);
        for (int index = 0; index < columns.length; index++) {
            text.append(index == 0 ? "" : "-+-").append("-".repeat(widths[index]));
        }
        text.append('\n');
        for (Row row : rows) {
            String[] values = new String[columns.length];
            for (int index = 0; index < columns.length; index++) {
                values[index] = value(row, index);
            }
            appendLine(text, values, widths);
        }
        return text.append('(').append(summary).append(')').toString();
    }

    private static void appendLine(StringBuilder text, String[] values, int[] widths) {
        for (int index = 0; index < values.length; index++) {
            String value = values[index].length() > widths[index]
                    ? values[index].substring(0, widths[index] - 1) + "…"
                    : values[index];
            text.append(index == 0 ? "" : " | ").append(value).append(" ".repeat(widths[index] - value.length()));
        }
        text.append('\n');
    }

    private static String value(Row row, int index) {
        return String.valueOf(row.get(index));
    }
}
