package io.helklab.kernel;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One decoded message of the Jupyter messaging protocol.
 *
 * @param channel the socket it arrived on
 * @param identities the ROUTER routing frames, needed to address the reply
 */
record JupyterMessage(KernelChannel channel, List<byte[]> identities, ObjectNode header, ObjectNode parentHeader,
        ObjectNode metadata, ObjectNode content) {

    String type() {
        return header.path("msg_type").asText();
    }

    String id() {
        return header.path("msg_id").asText();
    }
}
