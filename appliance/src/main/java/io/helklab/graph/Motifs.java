package io.helklab.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.graphframes.GraphFrame;
import org.graphframes.InvalidParseException;
import org.graphframes.InvalidPatternException;

/**
 * GraphFrames' motif finding ({@link GraphFrame#find}) with errors written for the person at the notebook.
 *
 * <p>GraphFrames reports a bad motif in its parser's words ("';' expected but '-' found"). {@link #find} keeps
 * GraphFrames' behaviour for every valid motif and, for an invalid one, throws an {@link IllegalArgumentException}
 * that quotes the motif, says what is wrong, shows the motif rewritten the way GraphFrames wants it where the slip
 * is a common one (a chained path, a missing {@code ;}, a vertex without parentheses), and keeps GraphFrames' own
 * message and exception as the cause. Stateless and thread-safe.
 */
public final class Motifs {

    /** The motif language in one paragraph, appended to every error. */
    public static final String SYNTAX = "GraphFrames motif syntax: terms such as (a)-[e]->(b), (a)-[]->() or (a),"
            + " joined by ';'; a name used twice is the same element, so (a)-[]->(b); (b)-[]->(c) is a two-step"
            + " path; '!' before an edge term keeps rows without that edge, (a)-[]->(b); !(b)-[]->(a); (a)-[]-(b)"
            + " matches either direction and (a)-[e*1..3]->(b) one to three hops. Names are letters, digits and '_'.";

    private static final Pattern VERTEX = Pattern.compile("\\(\\s*([^()]*?)\\s*\\)");
    private static final Pattern HOP = Pattern.compile("\\s*-\\s*\\[\\s*([^\\[\\]]*?)\\s*]\\s*->\\s*");
    private static final Pattern TERMS_WITHOUT_SEPARATOR = Pattern.compile("\\)\\s*(!?\\s*\\()");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]*(\\*\\d+\\.\\.\\d+)?");

    private Motifs() {
    }

    /**
     * Finds {@code motif} in {@code graph}, as {@link GraphFrame#find} does.
     *
     * @throws IllegalArgumentException when the motif is empty or GraphFrames rejects it, with what is wrong and
     *                                  how GraphFrames wants it written; GraphFrames' exception is the cause
     */
    public static Dataset<Row> find(GraphFrame graph, String motif) {
        if (motif == null || motif.isBlank()) {
            throw new IllegalArgumentException("The motif is empty. Write at least one term, for example"
                    + " (a)-[]->(b). " + SYNTAX);
        }
        try {
            return graph.find(motif);
        } catch (RuntimeException failure) {
            throw failure;
        } catch (Exception rejected) {
            // Scala throws GraphFrames' checked exceptions without declaring them.
            if (rejected instanceof InvalidParseException || rejected instanceof InvalidPatternException) {
                throw explain(motif, rejected);
            }
            throw new IllegalStateException("GraphFrames failed on the motif \"" + motif + "\": " + rejected, rejected);
        }
    }

    /** The error for a motif GraphFrames rejected: the slip, the rewrite where one is known, GraphFrames' words. */
    static IllegalArgumentException explain(String motif, Exception rejected) {
        String graphFramesSaid = rejected.getMessage() == null ? rejected.getClass().getSimpleName()
                : rejected.getMessage().replaceAll("\\s+", " ").strip();
        String diagnosis = diagnose(motif.strip())
                .orElse("GraphFrames cannot use it as written");
        return new IllegalArgumentException("Invalid motif \"" + motif + "\": " + diagnosis + ". GraphFrames said: "
                + graphFramesSaid + "\n" + SYNTAX, rejected);
    }

    private static Optional<String> diagnose(String motif) {
        List<String> rewritten = new ArrayList<>();
        boolean changed = false;
        for (String term : motif.split(";")) {
            if (term.isBlank()) {
                continue;
            }
            Optional<List<String>> chain = splitChain(term.strip());
            if (chain.isPresent()) {
                rewritten.addAll(chain.get());
                changed = true;
            } else {
                rewritten.add(term.strip());
            }
        }
        if (changed) {
            return Optional.of("a path is written as one edge term per step, joined by ';', with the vertex between"
                    + " two steps named in both; write it as " + String.join("; ", rewritten));
        }
        Matcher missingSeparator = TERMS_WITHOUT_SEPARATOR.matcher(motif);
        if (missingSeparator.find()) {
            return Optional.of("terms must be separated by ';' (at position " + (missingSeparator.start() + 2)
                    + "); write it as " + missingSeparator.replaceAll("); $1"));
        }
        for (String term : motif.split(";")) {
            String stripped = term.strip();
            String withoutNegation = stripped.startsWith("!") ? stripped.substring(1).strip() : stripped;
            if (!withoutNegation.isEmpty() && !withoutNegation.startsWith("(")) {
                return Optional.of("the term \"" + stripped + "\" does not start with a vertex; vertices are written in"
                        + " parentheses, as (a) or (), and edges in brackets between them, as (a)-[e]->(b)");
            }
            Matcher vertex = VERTEX.matcher(stripped);
            while (vertex.find()) {
                if (!NAME.matcher(vertex.group(1)).matches()) {
                    return Optional.of("\"" + vertex.group(1) + "\" in the term \"" + stripped + "\" is not a name;"
                            + " names are letters, digits and '_', for example (parent_process)");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A chained path such as {@code (a)-[]->(b)-[e]->(c)} as separate terms {@code (a)-[]->(b)}, {@code (b)-[e]->(c)};
     * empty when {@code term} is not such a chain. Anonymous inner vertices get names, since the steps must share
     * them. A negated chain is left alone: negating a path is not negating each of its steps.
     */
    private static Optional<List<String>> splitChain(String rest) {
        List<String> vertices = new ArrayList<>();
        List<String> edges = new ArrayList<>();
        int position = 0;
        while (true) {
            Matcher vertex = VERTEX.matcher(rest).region(position, rest.length());
            if (!vertex.lookingAt()) {
                return Optional.empty();
            }
            vertices.add(vertex.group(1));
            position = vertex.end();
            if (position == rest.length()) {
                break;
            }
            Matcher hop = HOP.matcher(rest).region(position, rest.length());
            if (!hop.lookingAt()) {
                return Optional.empty();
            }
            edges.add(hop.group(1));
            position = hop.end();
        }
        if (edges.size() < 2) {
            return Optional.empty();
        }
        for (int index = 1; index < vertices.size() - 1; index++) {
            if (vertices.get(index).isEmpty()) {
                vertices.set(index, "step" + index);
            }
        }
        List<String> terms = new ArrayList<>();
        for (int index = 0; index < edges.size(); index++) {
            terms.add("(" + vertices.get(index) + ")-[" + edges.get(index) + "]->(" + vertices.get(index + 1)
                    + ")");
        }
        return Optional.of(terms);
    }
}
