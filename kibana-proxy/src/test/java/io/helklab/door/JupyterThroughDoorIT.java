package io.helklab.door;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Jupyter's REST API and kernel WebSocket, reached only through the door and without a token. */
class JupyterThroughDoorIT {
    private static SharedDoor shared;

    @BeforeAll
    static void start() {
        shared = SharedDoor.get();
    }

    @Test
    void healthReportsJupyterUpAndKibanaNotInstalled() {
        JsonNode services = shared.client.get("/api/health").json().path("services");

        assertThat(services.path("jupyter").path("status").asText()).isEqualTo("up");
        assertThat(services.path("kibana").path("status").asText()).isEqualTo("not installed");
        assertThat(services.path("kibana").path("install").asText()).contains("--kibana-home");
        assertThat(services.path("elasticsearch").path("status").asText()).isEqualTo("up");
    }

    @Test
    void listsKernelSpecsWithoutAToken() {
        DoorClient.Response response = shared.client.get("/jupyter/api/kernelspecs");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("kernelspecs").has("python3")).as(response.body()).isTrue();
    }

    @Test
    void startsAPythonKernelAndExecutesCodeOverItsWebSocket() throws Exception {
        DoorClient.Response created = shared.client.post("/jupyter/api/kernels", "{\"name\":\"python3\"}",
                "Content-Type", "application/json");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String kernel = created.json().path("id").asText();
        URI channels = URI.create("ws://127.0.0.1:" + shared.door.port() + "/jupyter/api/kernels/" + kernel + "/channels");
        try (KernelChannel channel = KernelChannel.open(shared.client.httpClient(), channels)) {
            KernelChannel.Execution execution = channel.execute("import os\nprint(6 * 7, os.environ['HELK_ES_URL'])",
                    Duration.ofSeconds(60));

            assertThat(execution.status()).as(execution.error()).isEqualTo("ok");
            assertThat(execution.output()).contains("42 " + shared.lab.elasticsearchUrl());
        } finally {
            shared.client.send(shared.client.request("/jupyter/api/kernels/" + kernel).DELETE());
        }
    }

    @Test
    void refusesACrossOriginWebSocketAndPost() throws Exception {
        DoorClient.Response post = shared.client.post("/jupyter/api/kernels", "{\"name\":\"python3\"}",
                "Content-Type", "text/plain", "Origin", "http://evil.example");
        assertThat(post.status()).isEqualTo(403);

        URI channels = URI.create("ws://127.0.0.1:" + shared.door.port() + "/jupyter/api/kernels/none/channels");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        KernelChannel.open(shared.client.httpClient(), channels, "Origin", "http://evil.example"))
                .hasStackTraceContaining("403");
    }
}
