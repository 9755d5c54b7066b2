package io.helklab.graph;

import io.helklab.graph.Motif.EdgeTerm;
import io.helklab.graph.Motif.Term;
import io.helklab.graph.Motif.VertexTerm;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses GraphFrames' motif language into a {@link Motif} and applies GraphFrames' restrictions.
 *
 * <pre>
 * motif  := term (';' term)*
 * term   := vertex | vertex '-' '[' name? ']' '->' vertex | '!' vertex '-' '[' ']' '->' vertex
 * vertex := '(' name? ')'
 * name   := [A-Za-z0-9_]+
 * </pre>
 *
 * Whitespace may separate any two tokens. Failures are {@link IllegalArgumentException}s quoting the motif, the
 * position (counting from 1, with a caret under the motif) and what was expected. Stateless and thread-safe
 * through its static entry point; each parse uses its own instance.
 */
final class MotifParser {

    private static final String SYNTAX_HINT =
            "Motif syntax: terms such as (a)-[e]->(b), (a)-[]->() or (a), joined by ';'; '!' before an edge term "
                    + "negates it.";

    private final String text;
    private int index;

    private MotifParser(String text) {
        this.text = text;
    }

    /** Parses and validates {@code motif}; throws {@link IllegalArgumentException} on any error. */
    static Motif parse(String motif) {
        if (motif == null) {
            throw new IllegalArgumentException("Motif is null. " + SYNTAX_HINT);
        }
        Motif parsed = new Motif(motif, new MotifParser(motif).parseTerms());
        validate(parsed);
        return parsed;
    }

    private List<Term> parseTerms() {
        List<Term> terms = new ArrayList<>();
        skipWhitespace();
        if (atEnd()) {
            throw syntaxError("a term such as (a)-[e]->(b)");
        }
        terms.add(parseTerm());
        while (true) {
            skipWhitespace();
            if (atEnd()) {
                return terms;
            }
            if (peek() != ';') {
                // The common slip is a chained path; say how GraphFrames wants it written.
                String expected = peek() == '-'
                        ? "';' or the end of the motif (write chains as separate terms: (a)-[]->(b); (b)-[]->(c))"
                        : "';' or the end of the motif";
                throw syntaxError(expected);
            }
            index++;
            skipWhitespace();
            terms.add(parseTerm());
        }
    }

    private Term parseTerm() {
        skipWhitespace();
        int start = index + 1;
        boolean negated = false;
        if (!atEnd() && peek() == '!') {
            negated = true;
            index++;
            skipWhitespace();
        }
        String source = parseVertex();
        skipWhitespace();
        if (!negated && (atEnd() || peek() == ';')) {
            return new VertexTerm(source, start);
        }
        expect("-", negated ? "'-[' after the vertex of a negated edge term" : "'-[' to start an edge, ';' or the end of the motif");
        skipWhitespace();
        expect("[", "'[' to open the edge");
        skipWhitespace();
        String edge = parseOptionalName();
        skipWhitespace();
        expect("]", edge == null ? "an edge name or ']'" : "']' to close the edge");
        skipWhitespace();
        expect("->", "'->' after the edge (edges are directed: (a)-[e]->(b))");
        skipWhitespace();
        String destination = parseVertex();
        return new EdgeTerm(source, edge, destination, negated, start);
    }

    private String parseVertex() {
        expect("(", "'(' to open a vertex");
        skipWhitespace();
        String name = parseOptionalName();
        skipWhitespace();
        expect(")", name == null ? "a vertex name or ')'" : "')' to close the vertex");
        return name;
    }

    private String parseOptionalName() {
        int start = index;
        while (!atEnd() && isNameCharacter(peek())) {
            index++;
        }
        return index == start ? null : text.substring(start, index);
    }

    private static boolean isNameCharacter(char character) {
        return character == '_' || (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z')
                || (character >= '0' && character <= '9');
    }

    private void expect(String token, String expected) {
        if (!text.startsWith(token, index)) {
            throw syntaxError(expected);
        }
        index += token.length();
    }

    private void skipWhitespace() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            index++;
        }
    }

    private boolean atEnd() {
        return index >= text.length();
    }

    private char peek() {
        return text.charAt(index);
    }

    private IllegalArgumentException syntaxError(String expected) {
        String found = atEnd() ? "the end of the motif" : "'" + peek() + "'";
        return new IllegalArgumentException("Invalid motif \"" + text + "\" at position " + (index + 1) + ": expected "
                + expected + " but found " + found + ".\n  " + text + "\n  " + " ".repeat(index) + "^\n" + SYNTAX_HINT);
    }

    /** GraphFrames' restrictions, checked in the order written so the first offending term is reported. */
    private static void validate(Motif motif) {
        Set<String> vertexNames = new HashSet<>();
        Set<String> edgeNames = new HashSet<>();
        for (Term term : motif.terms()) {
            if (term instanceof VertexTerm vertex) {
                if (vertex.name() == null) {
                    throw invalid(motif, term, "a lone anonymous vertex () matches every vertex and names nothing",
                            "name it, (a), or query the vertices Dataset directly");
                }
                addVertexName(motif, term, vertex.name(), vertexNames, edgeNames);
                continue;
            }
            EdgeTerm edge = (EdgeTerm) term;
            if (edge.sourceName() == null && edge.destinationName() == null && edge.edgeName() == null) {
                throw invalid(motif, term, "a completely anonymous edge " + edge + " names nothing to return or join on",
                        "name at least one element, or query the edges Dataset directly");
            }
            if (edge.negated() && edge.edgeName() != null) {
                throw invalid(motif, term, "a negated edge cannot be named (it never appears in a result row): " + edge,
                        "write it as !(" + nullToEmpty(edge.sourceName()) + ")-[]->(" + nullToEmpty(edge.destinationName())
                                + ")");
            }
            if (edge.edgeName() != null) {
                if (edgeNames.contains(edge.edgeName())) {
                    throw invalid(motif, term, "edge name '" + edge.edgeName() + "' is used for more than one edge",
                            "give each edge its own name");
                }
                if (vertexNames.contains(edge.edgeName())) {
                    throw invalid(motif, term, "name '" + edge.edgeName() + "' is used for both a vertex and an edge",
                            "use different names for vertices and edges");
                }
                edgeNames.add(edge.edgeName());
            }
            for (String name : edge.namedVertices()) {
                addVertexName(motif, term, name, vertexNames, edgeNames);
            }
        }
    }

    private static void addVertexName(Motif motif, Term term, String name, Set<String> vertexNames, Set<String> edgeNames) {
        if (edgeNames.contains(name)) {
            throw invalid(motif, term, "name '" + name + "' is used for both a vertex and an edge",
                    "use different names for vertices and edges");
        }
        vertexNames.add(name);
    }

    private static IllegalArgumentException invalid(Motif motif, Term term, String problem, String fix) {
        return new IllegalArgumentException("Invalid motif \"" + motif.text() + "\" at position " + term.position() + ": "
                + problem + "; " + fix + ".");
    }

    private static String nullToEmpty(String name) {
        return name == null ? "" : name;
    }
}
