package io.helklab.graph;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed and validated motif: the terms of a GraphFrames-style pattern such as
 * {@code (a)-[e]->(b); !(b)-[]->(a)}. Immutable; produced only by {@link MotifParser}.
 *
 * @param text  the motif exactly as the caller wrote it, quoted in error messages
 * @param terms the terms in the order written
 */
record Motif(String text, List<Term> terms) {

    Motif {
        Objects.requireNonNull(text, "text");
        terms = List.copyOf(terms);
    }

    /** One term of a motif: a lone vertex {@code (a)} or a (possibly negated) edge. */
    sealed interface Term permits VertexTerm, EdgeTerm {
        /** Where the term starts in the motif text, counting from 1. */
        int position();
    }

    /**
     * A lone vertex term {@code (a)}.
     *
     * @param name the vertex name, or {@code null} for the anonymous vertex {@code ()}
     */
    record VertexTerm(String name, int position) implements Term {
    }

    /**
     * An edge term {@code (a)-[e]->(b)}; any of the three names may be {@code null} (anonymous).
     *
     * @param negated true for {@code !(a)-[]->(b)}: rows where no such edge exists
     */
    record EdgeTerm(String sourceName, String edgeName, String destinationName, boolean negated, int position)
            implements Term {

        /** The named endpoints of this edge, source first, without repeats. */
        List<String> namedVertices() {
            Set<String> names = new LinkedHashSet<>();
            if (sourceName != null) {
                names.add(sourceName);
            }
            if (destinationName != null) {
                names.add(destinationName);
            }
            return List.copyOf(names);
        }

        @Override
        public String toString() {
            return (negated ? "!" : "") + "(" + nullToEmpty(sourceName) + ")-[" + nullToEmpty(edgeName) + "]->("
                    + nullToEmpty(destinationName) + ")";
        }
    }

    /**
     * The named elements in order of first appearance, an edge's name between its endpoints, as
     * GraphFrames orders its result columns. Negated terms count: a vertex named only there is an output column.
     */
    List<String> namedElementsInOrder() {
        Set<String> names = new LinkedHashSet<>();
        for (Term term : terms) {
            if (term instanceof VertexTerm vertex && vertex.name() != null) {
                names.add(vertex.name());
            } else if (term instanceof EdgeTerm edge) {
                addIfNamed(names, edge.sourceName());
                addIfNamed(names, edge.edgeName());
                addIfNamed(names, edge.destinationName());
            }
        }
        return new ArrayList<>(names);
    }

    private static void addIfNamed(Set<String> names, String name) {
        if (name != null) {
            names.add(name);
        }
    }

    private static String nullToEmpty(String name) {
        return name == null ? "" : name;
    }
}
