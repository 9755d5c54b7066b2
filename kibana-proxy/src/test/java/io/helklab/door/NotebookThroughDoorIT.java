package io.helklab.door;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Python notebook that queries the appliance's Elasticsearch with the {@code elasticsearch}
 * client runs top to bottom through the door, cell by cell, as the notebook page would run it.
 */
class NotebookThroughDoorIT {
    private static SharedDoor shared;

    @BeforeAll
    static void start() {
        shared = SharedDoor.get();
    }

    @Test
    void elasticsearchNotebookRunsTopToBottom() throws Exception {
        List<String> cells = codeCells("/notebooks/elasticsearch-query.ipynb");
        DoorClient.Response created = shared.client.post("/jupyter/api/kernels", "{\"name\":\"python3\"}",
                "Content-Type", "application/json");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String kernel = created.json().path("id").asText();
        URI channels = URI.create("ws://127.0.0.1:" + shared.door.port() + "/jupyter/api/kernels/" + kernel + "/channels");
        StringBuilder output = new StringBuilder();
        try (KernelChannel channel = KernelChannel.open(shared.client.httpClient(), channels)) {
            for (String cell : cells) {
                KernelChannel.Execution execution = channel.execute(cell, Duration.ofSeconds(120));
                assertThat(execution.status()).as("cell\n%s\nfailed: %s", cell, execution.error()).isEqualTo("ok");
                output.append(execution.output());
            }
        } finally {
            shared.client.send(shared.client.request("/jupyter/api/kernels/" + kernel).DELETE());
        }

        assertThat(cells).hasSize(3);
        assertThat(output.toString()).contains("elasticsearch 7.10.2").contains("hits 1 wks01");
    }

    private static List<String> codeCells(String resource) throws Exception {
        try (InputStream in = NotebookThroughDoorIT.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            JsonNode notebook = new ObjectMapper().readTree(in);
            List<String> cells = new ArrayList<>();
            for (JsonNode cell : notebook.path("cells")) {
                if (cell.path("cell_type").asText().equals("code")) {
                    StringBuilder source = new StringBuilder();
                    cell.path("source").forEach(line -> source.append(line.asText()));
                    cells.add(source.toString());
                }
            }
            return cells;
        }
    }
}
