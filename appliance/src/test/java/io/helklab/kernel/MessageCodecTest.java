package io.helklab.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

class MessageCodecTest {

    private static final byte[] IDENTITY = "client-identity".getBytes(StandardCharsets.UTF_8);

    private final MessageCodec codec = new MessageCodec("a-shared-key");

    private List<byte[]> encodedRequest() {
        ObjectNode content = MessageCodec.json().createObjectNode().put("code", "1 + 1");
        return codec.encode(List.of(IDENTITY), "execute_request", null, content);
    }

    @Test
    void roundTripKeepsIdentitiesHeaderAndContent() throws Exception {
        JupyterMessage message = codec.decode(KernelChannel.SHELL, encodedRequest());
        assertThat(message.identities()).containsExactly(IDENTITY);
        assertThat(message.type()).isEqualTo("execute_request");
        assertThat(message.header().path("version").asText()).isEqualTo("5.3");
        assertThat(message.content().path("code").asText()).isEqualTo("1 + 1");
    }

    @Test
    void repliesCarryTheRequestAsParentHeader() throws Exception {
        JupyterMessage request = codec.decode(KernelChannel.SHELL, encodedRequest());
        List<byte[]> reply = codec.encode(request.identities(), "execute_reply", request,
                MessageCodec.json().createObjectNode());
        JupyterMessage decoded = codec.decode(KernelChannel.SHELL, reply);
        assertThat(decoded.parentHeader().path("msg_id").asText()).isEqualTo(request.id());
    }

    @Test
    void messagesSignedWithAnotherKeyAreRejected() {
        List<byte[]> forged = new MessageCodec("another-key").encode(List.of(IDENTITY), "execute_request", null,
                MessageCodec.json().createObjectNode());
        assertThatThrownBy(() -> codec.decode(KernelChannel.SHELL, forged))
                .isInstanceOf(MessageCodec.InvalidMessageException.class).hasMessage("bad signature");
    }

    @Test
    void unsignedAndTamperedMessagesAreRejected() {
        List<byte[]> unsigned = new ArrayList<>(encodedRequest());
        unsigned.set(2, new byte[0]);
        assertThatThrownBy(() -> codec.decode(KernelChannel.SHELL, unsigned)).hasMessage("unsigned message");
        List<byte[]> tampered = new ArrayList<>(encodedRequest());
        tampered.set(6, "{\"code\":\"System.exit(0)\"}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> codec.decode(KernelChannel.SHELL, tampered)).hasMessage("bad signature");
    }

    @Test
    void framesWithoutDelimiterAreRejected() {
        assertThatThrownBy(() -> codec.decode(KernelChannel.SHELL, List.of(IDENTITY)))
                .isInstanceOf(MessageCodec.InvalidMessageException.class).hasMessageContaining("<IDS|MSG>");
    }
}
