package io.helklab.notebook;

import io.helklab.graph.Motifs;
import io.helklab.kernel.CellMagic;
import io.helklab.kernel.DatasetTable;
import io.helklab.kernel.Displayable;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.graphframes.GraphFrame;

/**
 * {@code %%graph <graph> [--limit N]}: finds the motif in the cell body with GraphFrames (its syntax, one or more
 * lines joined with {@code ;}) in one of the lab's ready-made graphs and shows the result as a table, as
 * {@code %%sql} does. An optional line starting with {@code WHERE} filters the result with a Spark SQL
 * condition over the motif's named elements ({@code WHERE c.process_name = 'powershell.exe'}).
 *
 * <p>Thread-safe: each run builds its graph from the current hunt tables.
 */
public final class GraphCellMagic implements CellMagic {
    public static final int DEFAULT_ROW_LIMIT = 100;

    private final Map<String, Supplier<GraphFrame>> graphs;

    /** @param graphs the graphs by the name used after {@code %%graph}, e.g. {@code processTree} */
    public GraphCellMagic(Map<String, Supplier<GraphFrame>> graphs) {
        this.graphs = Map.copyOf(graphs);
    }

    @Override
    public String name() {
        return "graph";
    }

    @Override
    public String description() {
        return "find a motif in a ready-made graph (" + String.join(", ", new TreeSet<>(graphs.keySet()))
                + "): %%graph processTree [--limit N], the motif below, an optional WHERE line";
    }

    @Override
    public Displayable execute(String arguments, String body) {
        String[] words = arguments.isBlank() ? new String[0] : arguments.strip().split("\\s+");
        if (words.length == 0) {
            throw new IllegalArgumentException("%%graph needs a graph name: %%graph processTree, then the motif on the"
                    + " next line. Graphs: " + String.join(", ", graphs.keySet()));
        }
        Supplier<GraphFrame> graph = graphs.get(words[0]);
        if (graph == null) {
            throw new IllegalArgumentException("%%graph does not know the graph '" + words[0] + "'. Graphs: "
                    + String.join(", ", new TreeSet<>(graphs.keySet())));
        }
        int limit = limit(words, arguments);
        StringBuilder motif = new StringBuilder();
        String where = null;
        for (String line : body.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("//")) {
                continue;
            }
            if (trimmed.toUpperCase(Locale.ROOT).startsWith("WHERE ")) {
                where = trimmed.substring("WHERE ".length()).strip();
                continue;
            }
            if (motif.length() > 0 && !motif.toString().endsWith(";")) {
                motif.append("; ");
            }
            motif.append(trimmed);
        }
        if (motif.length() == 0) {
            throw new IllegalArgumentException("%%graph needs a motif below the %%graph line, e.g. (a)-[]->(b); (b)-[]->(c)");
        }
        Dataset<Row> result = Motifs.find(graph.get(), motif.toString());
        if (where != null) {
            result = result.where(where);
        }
        return DatasetTable.render(result, limit);
    }

    private static int limit(String[] words, String arguments) {
        int limit = DEFAULT_ROW_LIMIT;
        for (int index = 1; index < words.length; index++) {
            String value;
            if (words[index].equals("--limit") && index + 1 < words.length) {
                value = words[++index];
            } else if (words[index].startsWith("--limit=")) {
                value = words[index].substring("--limit=".length());
            } else {
                throw new IllegalArgumentException("%%graph does not understand '" + words[index] + "' in '%%graph "
                        + arguments + "'. Usage: %%graph <graph> [--limit N]");
            }
            try {
                limit = Integer.parseInt(value);
            } catch (NumberFormatException notANumber) {
                limit = 0;
            }
            if (limit < 1) {
                throw new IllegalArgumentException("%%graph --limit needs a positive whole number, got '" + value + "'");
            }
        }
        return limit;
    }
}
