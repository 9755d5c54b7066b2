package io.helklab.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CellMagicTest {

    private static CellMagic magic(String name) {
        return new CellMagic() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "echo the body";
            }

            @Override
            public Displayable execute(String arguments, String body) {
                return DisplayData.text(arguments + "|" + body);
            }
        };
    }

    @Test
    void parsesNameArgumentsAndBody() {
        CellMagicInvocation invocation = CellMagicInvocation.parse("\n  %%sql --limit 5  \nSELECT 1\nFROM t");
        assertThat(invocation).isEqualTo(new CellMagicInvocation("sql", "--limit 5", "SELECT 1\nFROM t"));
        assertThat(CellMagicInvocation.parse("%%graph")).isEqualTo(new CellMagicInvocation("graph", "", ""));
        assertThat(CellMagicInvocation.isMagic("int x = 1 %% 2;")).isFalse();
    }

    @Test
    void runsRegisteredMagicsAndListsThemForUnknownOnes() {
        CellMagicRegistry registry = new CellMagicRegistry().register(magic("echo"));
        ExecutionState state = new ExecutionState();
        CellOutcome echoed = CellMagicInvocation.parse("%%echo a b\nbody").run(registry, state);
        assertThat(((Displayable) echoed.value()).mimeBundle()).containsEntry("text/plain", "a b|body");
        CellOutcome unknown = CellMagicInvocation.parse("%%nope\nx").run(registry, state);
        assertThat(unknown.errorName()).isEqualTo("UnknownMagic");
        assertThat(unknown.errorValue()).contains("%%nope", "%%echo — echo the body");
    }

    @Test
    void registryRefusesDuplicatesAndBadNames() {
        CellMagicRegistry registry = new CellMagicRegistry().register(magic("echo"));
        assertThatThrownBy(() -> registry.register(magic("echo"))).hasMessageContaining("already registered");
        assertThatThrownBy(() -> registry.register(magic("%%bad"))).hasMessageContaining("is invalid");
    }

    @Test
    void sqlLimitArgument() {
        assertThat(SqlCellMagic.parseLimit("")).isEqualTo(SqlCellMagic.DEFAULT_ROW_LIMIT);
        assertThat(SqlCellMagic.parseLimit("--limit 7")).isEqualTo(7);
        assertThat(SqlCellMagic.parseLimit("--limit=9")).isEqualTo(9);
        assertThatThrownBy(() -> SqlCellMagic.parseLimit("--limit zero")).hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> SqlCellMagic.parseLimit("--limit 0")).hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> SqlCellMagic.parseLimit("--rows 3")).hasMessageContaining("Usage: %%sql [--limit N]");
    }

    @Test
    void htmlIsEscaped() {
        assertThat(HtmlText.escape("<a href=\"x\">'&'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
