package io.helklab.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helklab.graph.Motif.EdgeTerm;
import io.helklab.graph.Motif.VertexTerm;
import org.junit.jupiter.api.Test;

class MotifParserTest {

    @Test
    void parsesNamedAndAnonymousElementsWithWhitespace() {
        Motif motif = MotifParser.parse(" (a) - [e] -> (b);( b )-[]->();!(a)-[]->(c) ; (d)");

        assertThat(motif.terms()).containsExactly(
                new EdgeTerm("a", "e", "b", false, 2),
                new EdgeTerm("b", null, null, false, 19),
                new EdgeTerm("a", null, "c", true, 32),
                new VertexTerm("d", 47));
        assertThat(motif.namedElementsInOrder()).containsExactly("a", "e", "b", "c", "d");
    }

    @Test
    void ordersAnEdgeNameBetweenItsEndpoints() {
        assertThat(MotifParser.parse("(x)-[e1]->(y); (y)-[e2]->(z)").namedElementsInOrder())
                .containsExactly("x", "e1", "y", "e2", "z");
    }

    @Test
    void reportsTheMotifThePositionAndWhatWasExpected() {
        assertThatThrownBy(() -> MotifParser.parse("(a)-[e]>(b)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"(a)-[e]>(b)\"")
                .hasMessageContaining("at position 8")
                .hasMessageContaining("expected '->'")
                .hasMessageContaining("found '>'")
                .hasMessageContaining("\n  (a)-[e]>(b)\n         ^");
    }

    @Test
    void explainsHowToWriteAChain() {
        assertThatThrownBy(() -> MotifParser.parse("(a)-[]->(b)-[]->(c)"))
                .hasMessageContaining("at position 12")
                .hasMessageContaining("(a)-[]->(b); (b)-[]->(c)");
    }

    @Test
    void rejectsUnclosedAndEmptyInput() {
        assertThatThrownBy(() -> MotifParser.parse("(a)-[e]->(b"))
                .hasMessageContaining("at position 12")
                .hasMessageContaining("expected ')' to close the vertex but found the end of the motif");
        assertThatThrownBy(() -> MotifParser.parse("(a-b)"))
                .hasMessageContaining("at position 3")
                .hasMessageContaining("found '-'");
        assertThatThrownBy(() -> MotifParser.parse("   "))
                .hasMessageContaining("expected a term");
        assertThatThrownBy(() -> MotifParser.parse("(a);"))
                .hasMessageContaining("at position 5")
                .hasMessageContaining("expected '(' to open a vertex");
        assertThatThrownBy(() -> MotifParser.parse("!(a)"))
                .hasMessageContaining("at position 5")
                .hasMessageContaining("negated edge");
        assertThatThrownBy(() -> MotifParser.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void appliesGraphFramesRestrictions() {
        assertThatThrownBy(() -> MotifParser.parse("(a); ()"))
                .hasMessageContaining("at position 6")
                .hasMessageContaining("lone anonymous vertex");
        assertThatThrownBy(() -> MotifParser.parse("()-[]->()"))
                .hasMessageContaining("completely anonymous edge");
        assertThatThrownBy(() -> MotifParser.parse("(a)-[]->(b); !()-[]->()"))
                .hasMessageContaining("completely anonymous edge !()-[]->()");
        assertThatThrownBy(() -> MotifParser.parse("(a)-[]->(b); !(a)-[e]->(b)"))
                .hasMessageContaining("negated edge cannot be named")
                .hasMessageContaining("!(a)-[]->(b)");
        assertThatThrownBy(() -> MotifParser.parse("(a)-[e]->(b); (b)-[e]->(c)"))
                .hasMessageContaining("edge name 'e' is used for more than one edge");
        assertThatThrownBy(() -> MotifParser.parse("(a)-[e]->(b); (e)-[]->(b)"))
                .hasMessageContaining("name 'e' is used for both a vertex and an edge");
        assertThatThrownBy(() -> MotifParser.parse("(a)-[a]->(b)"))
                .hasMessageContaining("name 'a' is used for both a vertex and an edge");
    }

    @Test
    void allowsWhatGraphFramesAllows() {
        assertThat(MotifParser.parse("()-[e]->()").terms()).hasSize(1);
        assertThat(MotifParser.parse("!(a)-[]->(b)").terms()).hasSize(1);
        assertThat(MotifParser.parse("(a)-[]->(a)").terms()).hasSize(1);
        assertThat(MotifParser.parse("(a); (a)-[]->(b)").namedElementsInOrder()).containsExactly("a", "b");
    }
}
