package io.helklab.door.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's dashboard file is a dashboard the catalogue accepts. */
class ReadmeDashboardExampleTest {
    @Test
    void theReadmesDashboardExampleLoads() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String block = readme.substring(readme.indexOf("<!-- README-DASHBOARD-START -->"), readme.indexOf("<!-- README-DASHBOARD-END -->"));
        String yaml = block.substring(block.indexOf("```yaml\n") + "```yaml\n".length(), block.lastIndexOf("```"));
        DashboardCatalog.Entry entry = DashboardCatalog.parse("beacons.yaml", "README.md", false, yaml);
        assertThat(entry.error()).isNull();
        assertThat(entry.dashboard().title()).isEqualTo("Beacon hunting");
        assertThat(entry.dashboard().panels()).extracting(DashboardDefinition.Panel::kind).containsExactly("histogram", "network", "pie");
    }
}
