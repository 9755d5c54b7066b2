package io.helklab.door;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Jupyter kernel's WebSocket ({@code /api/kernels/<id>/channels}) as a browser uses it:
 * execute code and collect what comes back, speaking the Jupyter messaging protocol's JSON form.
 */
final class KernelChannel implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> messages;
    private final String session = UUID.randomUUID().toString();

    /** What one execution produced. */
    record Execution(String status, String output, String error) {}

    private KernelChannel(WebSocket socket, BlockingQueue<JsonNode> messages) {
        this.socket = socket;
        this.messages = messages;
    }

    static KernelChannel open(HttpClient client, URI uri, String... headers) throws Exception {
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        WebSocket socket = builder.buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        messages.add(JSON.readTree(partial.toString()));
                    } catch (Exception notJson) {
                        throw new IllegalStateException("the kernel sent something that is not JSON: " + partial, notJson);
                    } finally {
                        partial.setLength(0);
                    }
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                webSocket.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        return new KernelChannel(socket, messages);
    }

    /** Runs code and waits until the kernel is idle again. */
    Execution execute(String code, Duration timeout) throws Exception {
        String messageId = UUID.randomUUID().toString();
        ObjectNode request = JSON.createObjectNode();
        request.set("header", JSON.createObjectNode().put("msg_id", messageId).put("username", "test")
                .put("session", session).put("msg_type", "execute_request").put("version", "5.3")
                .put("date", Instant.now().toString()));
        request.set("parent_header", JSON.createObjectNode());
        request.set("metadata", JSON.createObjectNode());
        request.set("content", JSON.createObjectNode().put("code", code).put("silent", false).put("store_history", true)
                .put("allow_stdin", false).put("stop_on_error", true).set("user_expressions", JSON.createObjectNode()));
        request.put("channel", "shell");
        request.set("buffers", JSON.createArrayNode());
        socket.sendText(JSON.writeValueAsString(request), true).get(10, TimeUnit.SECONDS);

        StringBuilder output = new StringBuilder();
        StringBuilder error = new StringBuilder();
        String status = null;
        boolean idle = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (status == null || !idle) {
            JsonNode message = messages.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("no complete answer to execute_request within " + timeout + "; output so far: "
                        + output + error);
            }
            if (!messageId.equals(message.path("parent_header").path("msg_id").asText())) {
                continue;
            }
            String type = message.path("msg_type").asText(message.path("header").path("msg_type").asText());
            JsonNode content = message.path("content");
            switch (type) {
                case "stream" -> output.append(content.path("text").asText());
                case "execute_result", "display_data" -> output.append(content.path("data").path("text/plain").asText()).append('\n');
                case "error" -> error.append(content.path("ename").asText()).append(": ").append(content.path("evalue").asText());
                case "execute_reply" -> status = content.path("status").asText();
                case "status" -> idle = "idle".equals(content.path("execution_state").asText());
                default -> { }
            }
        }
        return new Execution(status, output.toString(), error.toString());
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(ignored -> null).join();
    }
}
