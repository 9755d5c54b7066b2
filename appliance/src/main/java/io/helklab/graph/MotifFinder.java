package io.helklab.graph;

import static org.apache.spark.sql.functions.col;

import io.helklab.graph.Motif.EdgeTerm;
import io.helklab.graph.Motif.Term;
import io.helklab.graph.Motif.VertexTerm;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns a {@link Motif} into one lazy Spark query over a graph's vertices and edges.
 *
 * <p>Plan: the positive edge terms are joined first, on narrow key columns only (vertex ids, plus the packed
 * row of each named edge), in an order where every term after the first shares a bound vertex with the terms
 * before it whenever the motif allows it, so a cartesian product happens only where the motif really has
 * disconnected parts. Negated terms follow as anti-joins. The wide vertex rows are joined last, once per named
 * vertex. Results match GraphFrames' {@code find}: one struct column per named element in order of first
 * appearance; named vertices must exist in the vertices Dataset while anonymous ones need not; a vertex named
 * only in negated terms ranges over all vertices; and, as GraphFrames' set difference does, a motif with a
 * negated term returns distinct rows. One deliberate difference: negated terms apply after all positive terms
 * wherever they are written, where GraphFrames applies terms in order and fails on a negated term naming a vertex
 * bound only by a later positive term.
 *
 * <p>Nothing is executed or cached here. Stateless apart from the graph it reads; thread-safe.
 */
final class MotifFinder {

    private final Dataset<Row> vertices;
    private final Dataset<Row> edges;

    MotifFinder(Dataset<Row> vertices, Dataset<Row> edges) {
        this.vertices = vertices;
        this.edges = edges;
    }

    Dataset<Row> find(Motif motif) {
        List<EdgeTerm> positiveEdges = new ArrayList<>();
        List<EdgeTerm> negatedEdges = new ArrayList<>();
        Set<String> loneVertices = new LinkedHashSet<>();
        for (Term term : motif.terms()) {
            if (term instanceof VertexTerm vertex) {
                loneVertices.add(vertex.name());
            } else if (term instanceof EdgeTerm edge) {
                (edge.negated() ? negatedEdges : positiveEdges).add(edge);
            }
        }
        // GraphFrames (issue 276) lets a vertex named only in negated terms range over all vertices.
        for (EdgeTerm negated : negatedEdges) {
            loneVertices.addAll(negated.namedVertices());
        }

        Set<String> bound = new LinkedHashSet<>();
        Dataset<Row> bindings = joinPositiveEdges(positiveEdges, bound);
        for (String name : loneVertices) {
            if (bound.add(name)) {
                Dataset<Row> ids = vertices.select(col(GraphColumns.ID).as(vertexKey(name)));
                bindings = bindings == null ? ids : bindings.crossJoin(ids);
            }
        }
        for (EdgeTerm negated : negatedEdges) {
            String[] keys = negated.namedVertices().stream().map(MotifFinder::vertexKey).toArray(String[]::new);
            bindings = bindings.join(edgeKeys(negated), keys, "left_anti");
        }
        if (!negatedEdges.isEmpty()) {
            bindings = bindings.distinct();
        }
        for (String name : bound) {
            Dataset<Row> packedVertices =
                    vertices.select(col(GraphColumns.ID).as(vertexKey(name)), GraphColumns.packed(vertices).as(name));
            bindings = bindings.join(packedVertices, new String[] {vertexKey(name)}, "inner");
        }
        return bindings.select(outputColumns(motif, bound));
    }

    private Dataset<Row> joinPositiveEdges(List<EdgeTerm> positiveEdges, Set<String> bound) {
        List<EdgeTerm> remaining = new ArrayList<>(positiveEdges);
        Dataset<Row> bindings = null;
        while (!remaining.isEmpty()) {
            EdgeTerm next = remaining.stream()
                    .filter(term -> term.namedVertices().stream().anyMatch(bound::contains))
                    .findFirst()
                    .orElse(remaining.get(0));
            remaining.remove(next);
            String[] sharedKeys = next.namedVertices().stream()
                    .filter(bound::contains)
                    .map(MotifFinder::vertexKey)
                    .toArray(String[]::new);
            Dataset<Row> matches = edgeKeys(next);
            if (bindings == null) {
                bindings = matches;
            } else if (sharedKeys.length == 0) {
                bindings = bindings.crossJoin(matches);
            } else {
                bindings = bindings.join(matches, sharedKeys, "inner");
            }
            bound.addAll(next.namedVertices());
        }
        return bindings;
    }

    /** The edges matching one term, reduced to the key column of each named endpoint and the named edge's row. */
    private Dataset<Row> edgeKeys(EdgeTerm term) {
        Dataset<Row> matching = edges;
        List<Column> columns = new ArrayList<>();
        String source = term.sourceName();
        String destination = term.destinationName();
        if (source != null && source.equals(destination)) {
            matching = matching.where(col(GraphColumns.SOURCE).equalTo(col(GraphColumns.DESTINATION)));
            columns.add(col(GraphColumns.SOURCE).as(vertexKey(source)));
        } else {
            if (source != null) {
                columns.add(col(GraphColumns.SOURCE).as(vertexKey(source)));
            }
            if (destination != null) {
                columns.add(col(GraphColumns.DESTINATION).as(vertexKey(destination)));
            }
        }
        if (term.edgeName() != null) {
            columns.add(GraphColumns.packed(edges).as(edgeKey(term.edgeName())));
        }
        return matching.select(columns.toArray(Column[]::new));
    }

    private static Column[] outputColumns(Motif motif, Set<String> boundVertices) {
        return motif.namedElementsInOrder().stream()
                .map(name -> boundVertices.contains(name)
                        ? col(GraphColumns.quoted(name))
                        : col(GraphColumns.quoted(edgeKey(name))).as(name))
                .toArray(Column[]::new);
    }

    /** Internal column names use '#', which motif names cannot contain, so they never collide with output names. */
    private static String vertexKey(String name) {
        return "#vertex#" + name;
    }

    private static String edgeKey(String name) {
        return "#edge#" + name;
    }
}
