package io.helklab.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline rule check's report. */
class RulesCheckTest {

    @TempDir
    Path directory;

    @Test
    void countsByStatusAndGroupsByReason() throws IOException {
        String good = Rules.processCreation("s:\n    Image|endswith: '\\\\x.exe'\ncondition: s");
        Files.writeString(directory.resolve("good.yml"), good);
        Files.writeString(directory.resolve("linux1.yml"), good.replace("product: windows", "product: linux")
                .replace("0001", "0002"));
        Files.writeString(directory.resolve("linux2.yml"), good.replace("product: windows", "product: linux")
                .replace("0001", "0003"));
        Files.writeString(directory.resolve("broken.yml"), "title: [unclosed\n");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        RuleSet rules = new RuleLoader(RuleLoadOptions.defaults()).addPath(directory).build();
        RulesCheck.print(rules, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String report = buffer.toString(StandardCharsets.UTF_8);
        assertThat(report).startsWith("4 rules: 1 active, 0 disabled, 2 unsupported, 1 error");
        assertThat(report).contains("      2  logsource product linux").contains("      1  invalid YAML")
                .containsPattern("broken\\.yml:\\d+: invalid YAML at line");
    }
}
