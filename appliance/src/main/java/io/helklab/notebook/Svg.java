package io.helklab.notebook;

import io.helklab.kernel.HtmlText;

import java.util.List;
import java.util.Locale;

/** Draws the charts' static SVG: no script, no fonts to fetch, readable in any browser and in saved notebooks. */
final class Svg {
    private static final int WIDTH = 640;
    private static final String BAR_COLOR = "#4c78a8";

    private Svg() {
    }

    /** Vertical columns over a time axis; the first and last labels are printed under the axis. */
    static String columns(String title, List<String> labels, List<Long> counts) {
        int height = 240;
        int left = 50;
        int plotWidth = WIDTH - left - 10;
        int plotTop = 30;
        int plotHeight = height - plotTop - 40;
        long maximum = Math.max(1, counts.stream().mapToLong(Long::longValue).max().orElse(1));
        StringBuilder svg = open(title, height);
        double width = (double) plotWidth / Math.max(1, counts.size());
        for (int index = 0; index < counts.size(); index++) {
            double barHeight = (double) plotHeight * counts.get(index) / maximum;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                            + "<title>%s: %d</title></rect>\n", left + index * width, plotTop + plotHeight - barHeight,
                    Math.max(1, width - 1), barHeight, BAR_COLOR, HtmlText.escape(labels.get(index)), counts.get(index)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%d</text>\n", 4, plotTop + 10, maximum));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>\n", left,
                plotTop + plotHeight, left + plotWidth, plotTop + plotHeight));
        if (!labels.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>\n", left,
                    plotTop + plotHeight + 16, HtmlText.escape(labels.get(0))));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>\n",
                    left + plotWidth, plotTop + plotHeight + 30, HtmlText.escape(labels.get(labels.size() - 1))));
        }
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars, one labelled row per value, longest first as given. */
    static String bars(String title, List<String> labels, List<Long> counts) {
        int row = 22;
        int labelWidth = 260;
        int height = 40 + row * counts.size();
        long maximum = Math.max(1, counts.stream().mapToLong(Long::longValue).max().orElse(1));
        int plotWidth = WIDTH - labelWidth - 70;
        StringBuilder svg = open(title, height);
        for (int index = 0; index < counts.size(); index++) {
            int y = 30 + index * row;
            double barWidth = (double) plotWidth * counts.get(index) / maximum;
            String label = labels.get(index);
            String shortLabel = label.length() > 40 ? label.substring(0, 39) + "…" : label;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">"
                    + "<title>%s</title>%s</text>\n", labelWidth - 6, y + 14, HtmlText.escape(label), HtmlText.escape(shortLabel)));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
                    labelWidth, y + 2, Math.max(1, barWidth), row - 6, BAR_COLOR));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%d</text>\n",
                    labelWidth + barWidth + 4, y + 14, counts.get(index)));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title, int height) {
        return new StringBuilder(String.format(Locale.ROOT, "<svg class=\"helk-lab-chart\" xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"%d\" height=\"%d\" font-family=\"sans-serif\">\n<text x=\"4\" y=\"16\" font-size=\"14\""
                + " font-weight=\"bold\">%s</text>\n", WIDTH, height, HtmlText.escape(title)));
    }
}
