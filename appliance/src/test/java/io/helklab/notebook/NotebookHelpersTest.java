package io.helklab.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helklab.samples.SampleCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts of the notebook package that need no services: argument errors, SVG rendering, answer values. */
class NotebookHelpersTest {

    @Test
    void graphMagicNamesTheGraphsWhenOneIsUnknownOrMissing() {
        GraphCellMagic magic = new GraphCellMagic(Map.of("processTree", () -> {
            throw new AssertionError("the graph must not be built for a bad cell");
        }));
        assertThatThrownBy(() -> magic.execute("", "(a)-[]->(b)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a graph name").hasMessageContaining("processTree");
        assertThatThrownBy(() -> magic.execute("processTrees", "(a)-[]->(b)"))
                .hasMessageContaining("does not know the graph 'processTrees'");
        assertThatThrownBy(() -> magic.execute("processTree --limit 0", "(a)-[]->(b)"))
                .hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> magic.execute("processTree", "\n// nothing\n")).hasMessageContaining("needs a motif");
    }

    @Test
    void barsEscapeLabelsAndScaleToTheLargestCount() {
        String svg = Svg.bars("Top <2>", List.of("a&b", "c"), List.of(10L, 5L));
        assertThat(svg).startsWith("<svg class=\"helk-lab-chart\"").endsWith("</svg>")
                .contains("Top &lt;2&gt;").contains("a&amp;b").doesNotContain("<script");
        assertThat(svg).contains("width=\"310.0\"").contains("width=\"155.0\"");
    }

    @Test
    void answerValuesHoldTheScenarioGuidsInLowerCase() {
        assertThat(ScenarioCheck.answerValues(SampleCatalog.find("remote-thread-injection")))
                .contains("9a6f3d05-8bc0-6acf-5052-000000010122", "9a6f3d05-8bc0-6acf-c431-000000010052");
    }
}
