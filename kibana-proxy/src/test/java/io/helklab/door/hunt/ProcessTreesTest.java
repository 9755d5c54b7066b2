package io.helklab.door.hunt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessTreesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode creation(String time, String guid, String parentGuid, String name, String parentName) {
        ObjectNode hit = JSON.createObjectNode();
        hit.putObject("_source").put("@timestamp", time).put("process_guid", guid).put("process_parent_guid", parentGuid)
                .put("process_name", name).put("process_command_line", name + " /x").put("process_parent_name", parentName)
                .put("process_parent_path", "c:\\windows\\" + parentName).put("user_account", "helk\\bchen");
        return hit;
    }

    @Test
    void childrenHangUnderParentsAndUnseenParentsBecomePlaceholderRoots() {
        ArrayNode hits = JSON.createArrayNode()
                .add(creation("2026-10-06T12:00:00Z", "cmd", "explorer", "cmd.exe", "explorer.exe"))
                .add(creation("2026-10-06T12:01:00Z", "dumper", "cmd", "werfault.exe", "cmd.exe"))
                .add(creation("2026-10-06T12:02:00Z", "note", "explorer", "notepad.exe", "explorer.exe"))
                .add(creation("2026-10-06T12:01:00Z", "dumper", "cmd", "werfault.exe", "cmd.exe"));
        List<ObjectNode> roots = ProcessTrees.link(hits, Map.of("dumper", Map.of("10", 2L, "11", 1L)));

        assertThat(roots).hasSize(1);
        JsonNode explorer = roots.get(0);
        assertThat(explorer.path("guid").asText()).isEqualTo("explorer");
        assertThat(explorer.path("observed").asBoolean()).isFalse();
        assertThat(explorer.path("name").asText()).isEqualTo("explorer.exe");
        assertThat(explorer.path("children")).extracting(child -> child.path("guid").asText()).containsExactly("cmd", "note");
        JsonNode dumper = explorer.path("children").path(0).path("children").path(0);
        assertThat(dumper.path("name").asText()).isEqualTo("werfault.exe");
        assertThat(dumper.path("commandLine").asText()).isEqualTo("werfault.exe /x");
        assertThat(dumper.path("user").asText()).isEqualTo("helk\\bchen");
        assertThat(dumper.path("activity").path("10").asLong()).isEqualTo(2);
        assertThat(dumper.path("children")).isEmpty();
    }

    @Test
    void parentLoopsInBadDataDoNotMakeCycles() throws Exception {
        ArrayNode hits = JSON.createArrayNode()
                .add(creation("2026-10-06T12:00:00Z", "a", "b", "a.exe", "b.exe"))
                .add(creation("2026-10-06T12:01:00Z", "b", "a", "b.exe", "a.exe"))
                .add(creation("2026-10-06T12:02:00Z", "c", "c", "c.exe", "c.exe"));
        List<ObjectNode> roots = ProcessTrees.link(hits, Map.of());
        assertThat(roots).extracting(root -> root.path("guid").asText()).containsExactlyInAnyOrder("b", "c");
        assertThat(JSON.writeValueAsString(roots)).contains("\"a\"");
    }

    @Test
    void guidsAndHostsAreValidatedAndGuidsNormalised() {
        assertThat(ProcessTrees.requireGuid("{C4D0719B-FACC-6AC4-BC88-00000000F086}")).isEqualTo("c4d0719b-facc-6ac4-bc88-00000000f086");
        assertThatThrownBy(() -> ProcessTrees.requireGuid("x\" OR 1")).isInstanceOf(HuntRequestException.class)
                .hasMessageContaining("not a process GUID");
        assertThat(ProcessTrees.requireHost("WKS02.helk.lab")).isEqualTo("WKS02.helk.lab");
        assertThatThrownBy(() -> ProcessTrees.requireHost("wks02/../_all")).isInstanceOf(HuntRequestException.class)
                .hasMessageContaining("not a host name");
    }
}
