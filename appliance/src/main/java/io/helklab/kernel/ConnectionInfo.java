package io.helklab.kernel;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Jupyter connection file: where the kernel binds its five sockets and the key it signs with.
 *
 * @param key the HMAC key; empty means messages are not signed (Jupyter always sets one)
 */
public record ConnectionInfo(String transport, String ip, int shellPort, int iopubPort, int stdinPort,
        int controlPort, int heartbeatPort, String key, String signatureScheme) {

    public ConnectionInfo {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(key, "key");
        if (!"tcp".equals(transport)) {
            throw new IllegalArgumentException("Connection file transport '" + transport
                    + "' is not supported; the HELK lab kernel speaks tcp only");
        }
        if (!key.isEmpty() && !"hmac-sha256".equals(signatureScheme)) {
            throw new IllegalArgumentException("Connection file signature_scheme '" + signatureScheme
                    + "' is not supported; use hmac-sha256 (Jupyter's default)");
        }
        for (int port : new int[] {shellPort, iopubPort, stdinPort, controlPort, heartbeatPort}) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("Connection file port " + port + " is out of range 1-65535;"
                        + " Jupyter writes the ports it picked, so the file is damaged");
            }
        }
    }

    /** Reads the fields of a connection file's JSON. */
    public static ConnectionInfo fromJson(JsonNode json) {
        return new ConnectionInfo(
                json.path("transport").asText("tcp"),
                json.path("ip").asText("127.0.0.1"),
                port(json, "shell_port"),
                port(json, "iopub_port"),
                port(json, "stdin_port"),
                port(json, "control_port"),
                port(json, "hb_port"),
                json.path("key").asText(""),
                json.path("signature_scheme").asText("hmac-sha256"));
    }

    String endpoint(int port) {
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        return transport + "://" + host + ":" + port;
    }

    private static int port(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new IllegalArgumentException("Connection file has no numeric '" + field + "': " + value);
        }
        return value.asInt();
    }

    /** Leaves the key out, so it never reaches a log. */
    @Override
    public String toString() {
        return "ConnectionInfo[" + transport + "://" + ip + " shell=" + shellPort + " iopub=" + iopubPort
                + " stdin=" + stdinPort + " control=" + controlPort + " hb=" + heartbeatPort + "]";
    }
}
