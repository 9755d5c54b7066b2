package io.helklab.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns ZeroMQ frames into {@link JupyterMessage}s and back (Jupyter messaging protocol 5.3 wire
 * format), signing every outgoing message and verifying every incoming one with HMAC-SHA256.
 *
 * <p>Thread-safe: the MAC is created per call.
 */
final class MessageCodec {

    static final String PROTOCOL_VERSION = "5.3";
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] key;
    private final String session = UUID.randomUUID().toString();

    MessageCodec(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    static ObjectMapper json() {
        return JSON;
    }

    /**
     * Decodes and verifies a message.
     *
     * @throws InvalidMessageException when frames are missing, the signature does not match or the
     *     JSON is malformed; the message must then be dropped
     */
    JupyterMessage decode(KernelChannel channel, List<byte[]> frames) throws InvalidMessageException {
        int delimiter = -1;
        for (int index = 0; index < frames.size(); index++) {
            if (Arrays.equals(frames.get(index), DELIMITER)) {
                delimiter = index;
                break;
            }
        }
        if (delimiter < 0 || frames.size() < delimiter + 6) {
            throw new InvalidMessageException("no <IDS|MSG> delimiter followed by signature, header,"
                    + " parent header, metadata and content (" + frames.size() + " frames)");
        }
        byte[] signature = frames.get(delimiter + 1);
        List<byte[]> parts = frames.subList(delimiter + 2, delimiter + 6);
        if (key.length > 0) {
            byte[] expected = sign(parts).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(expected, signature)) {
                throw new InvalidMessageException(signature.length == 0 ? "unsigned message" : "bad signature");
            }
        }
        try {
            return new JupyterMessage(channel, List.copyOf(frames.subList(0, delimiter)),
                    object(parts.get(0)), object(parts.get(1)), object(parts.get(2)), object(parts.get(3)));
        } catch (IOException malformed) {
            throw new InvalidMessageException("malformed JSON: " + malformed.getMessage());
        }
    }

    /** Encodes a new message, a reply to or consequence of {@code parent} (may be null). */
    List<byte[]> encode(List<byte[]> identities, String type, JupyterMessage parent, JsonNode content) {
        ObjectNode header = JSON.createObjectNode()
                .put("msg_id", UUID.randomUUID().toString())
                .put("session", session)
                .put("username", "helk-lab")
                .put("date", OffsetDateTime.now(ZoneOffset.UTC).toString())
                .put("msg_type", type)
                .put("version", PROTOCOL_VERSION);
        JsonNode parentHeader = parent == null ? JSON.createObjectNode() : parent.header();
        List<byte[]> parts = List.of(bytes(header), bytes(parentHeader), bytes(JSON.createObjectNode()),
                bytes(content));
        List<byte[]> frames = new ArrayList<>(identities);
        frames.add(DELIMITER);
        frames.add((key.length == 0 ? "" : sign(parts)).getBytes(StandardCharsets.US_ASCII));
        frames.addAll(parts);
        return frames;
    }

    private String sign(List<byte[]> parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", impossible);
        }
    }

    private static ObjectNode object(byte[] json) throws IOException {
        JsonNode node = JSON.readTree(json);
        if (node == null || node.isMissingNode() || node.isNull()) {
            return JSON.createObjectNode();
        }
        if (!node.isObject()) {
            throw new IOException("expected a JSON object, got " + node.getNodeType());
        }
        return (ObjectNode) node;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException impossible) {
            throw new IllegalStateException("could not serialise a JSON tree", impossible);
        }
    }

    /** A message that must be dropped; the text says why. */
    static final class InvalidMessageException extends Exception {
        InvalidMessageException(String message) {
            super(message);
        }
    }
}
