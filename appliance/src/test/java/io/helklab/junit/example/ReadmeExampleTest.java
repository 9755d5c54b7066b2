package io.helklab.junit.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README shows the compiled example test verbatim, so the documented code cannot rot. */
class ReadmeExampleTest {

    @Test
    void theReadmeShowsTheExampleTestAsItIs() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/helklab/junit/example/LsassDumpDetectionIT.java"));
        String example = source.substring(source.indexOf("// README-EXAMPLE-START\n") + "// README-EXAMPLE-START\n".length(),
                source.indexOf("// README-EXAMPLE-END"));
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(example).contains("@HelkLabTest");
        assertThat(readme).as("README.md must contain the example between the markers of LsassDumpDetectionIT.java; "
                + "copy it again after changing the test").contains("```java\n" + example + "```");
    }

    @Test
    void theReadmeShowsTheSigmaExampleTestAsItIs() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/helklab/junit/example/SigmaRuleDetectionIT.java"));
        String start = "// README-SIGMA-EXAMPLE-START\n";
        String example = source.substring(source.indexOf(start) + start.length(),
                source.indexOf("// README-SIGMA-EXAMPLE-END"));
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(example).contains("@HelkLabTest", "backTest", "alerts()");
        assertThat(readme).as("README.md must contain the example between the markers of SigmaRuleDetectionIT.java; "
                + "copy it again after changing the test").contains("```java\n" + example + "```");
    }
}
