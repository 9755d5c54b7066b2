package io.helklab.kernel;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Messages waiting to be sent. ZeroMQ sockets must not be shared between threads, so the execution
 * thread and cell output queue their messages here and the kernel's I/O thread, which owns the
 * sockets, sends them on its next poll round. Thread-safe.
 */
final class Outbox {

    /** A signed message ready for one socket. */
    record Envelope(KernelChannel channel, List<byte[]> frames) {
    }

    private final MessageCodec codec;
    private final Queue<Envelope> queue = new ConcurrentLinkedQueue<>();

    Outbox(MessageCodec codec) {
        this.codec = codec;
    }

    /** Queues the reply to a shell or control request, addressed to its sender. */
    void reply(JupyterMessage request, String type, ObjectNode content) {
        queue.add(new Envelope(request.channel(), codec.encode(request.identities(), type, request, content)));
    }

    /** Queues a broadcast on IOPub; the topic frame is the message type, as ipykernel does. */
    void publish(JupyterMessage parent, String type, ObjectNode content) {
        byte[] topic = ("kernel." + type).getBytes(StandardCharsets.UTF_8);
        queue.add(new Envelope(KernelChannel.IOPUB, codec.encode(List.of(topic), type, parent, content)));
    }

    void publishStatus(JupyterMessage parent, String executionState) {
        publish(parent, "status", MessageCodec.json().createObjectNode().put("execution_state", executionState));
    }

    /** The next message to send, or null. */
    Envelope poll() {
        return queue.poll();
    }
}
