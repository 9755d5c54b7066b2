package io.helklab.kernel;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where Jupyter's kernel processes (the bridge script of {@link KernelSpec}) hand their connection
 * files to the appliance. Each accepted bridge becomes a {@link JupyterKernel} with its own JShell
 * session; the kernel lives exactly as long as the bridge's TCP connection.
 *
 * <p>Lifecycle: construct, {@link #start()}, give the Jupyter process {@link #environmentVariables()}
 * and a {@code JUPYTER_PATH} holding {@link #writeKernelSpec(Path)}'s output, {@link #close()} after
 * Jupyter stopped. Listens on 127.0.0.1 only, on an ephemeral port; a bridge must present the secret
 * generated at construction (compared in constant time) or it is refused.
 *
 * <p>Threading: one accept thread, one daemon thread per bridge connection; public methods are
 * thread-safe. Starting a kernel installs the per-thread {@code System.out}/{@code System.err}
 * routing (see the package's {@code CellOutputRouting}): start the gateway after Elasticsearch.
 */
public final class KernelGateway implements AutoCloseable {

    /** Environment variable with the gateway's port, for the Jupyter process and its kernels. */
    public static final String GATEWAY_VARIABLE = "HELK_KERNEL_GATEWAY";
    /** Environment variable with the gateway's secret. */
    public static final String SECRET_VARIABLE = "HELK_KERNEL_SECRET";

    private static final Logger LOGGER = LoggerFactory.getLogger(KernelGateway.class);
    private static final int HANDSHAKE_TIMEOUT_MILLISECONDS = 30_000;
    private static final int HANDSHAKE_MAXIMUM_BYTES = 1 << 20;

    private final KernelEnvironment environment;
    private final String secret;
    private final Map<String, BridgeSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger kernelNumbers = new AtomicInteger();
    private ServerSocket serverSocket;
    private Thread acceptThread;
    private volatile boolean closed;

    /** One live kernel and the bridge connection that keeps it alive. */
    private record BridgeSession(JupyterKernel kernel, Socket bridge) {
        void close() {
            closeQuietly(bridge);
            kernel.close();
        }
    }

    /**
     * @param sparkSession the session cells see as {@code spark} and {@code %%sql} queries; may be
     *     null for a kernel without Spark (then there is no {@code %%sql})
     * @param bindings further objects cells see as variables of these names (e.g. {@code lab})
     */
    public KernelGateway(SparkSession sparkSession, Map<String, Object> bindings) {
        KernelBindings.validateNames(bindings);
        if (sparkSession != null && bindings.containsKey("spark")) {
            throw new IllegalArgumentException("The binding 'spark' is reserved for the gateway's SparkSession;"
                    + " rename the other binding");
        }
        CellMagicRegistry magics = new CellMagicRegistry();
        if (sparkSession != null) {
            magics.register(new SqlCellMagic(sparkSession));
        }
        this.environment = new KernelEnvironment(sparkSession, bindings, magics);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.secret = HexFormat.of().formatHex(random);
    }

    /** The cell magics of every kernel; register more before or after start. */
    public CellMagicRegistry magics() {
        return environment.magics();
    }

    public synchronized KernelGateway start() throws IOException {
        if (serverSocket != null) {
            throw new IllegalStateException("The kernel gateway is already started on port " + port());
        }
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        serverSocket = socket;
        acceptThread = new Thread(this::acceptBridges, "helk-lab-kernel-gateway");
        acceptThread.setDaemon(true);
        acceptThread.start();
        LOGGER.info("Kernel gateway listening on {}", socket.getLocalSocketAddress());
        return this;
    }

    /** The port the gateway listens on (127.0.0.1). */
    public synchronized int port() {
        if (serverSocket == null) {
            throw new IllegalStateException("The kernel gateway is not started; call start() first");
        }
        return serverSocket.getLocalPort();
    }

    public String secret() {
        return secret;
    }

    /** The variables the Jupyter process (and so its kernel bridges) needs in its environment. */
    public Map<String, String> environmentVariables() {
        return Map.of(GATEWAY_VARIABLE, Integer.toString(port()), SECRET_VARIABLE, secret);
    }

    /**
     * Writes the kernelspec (run by Debian's {@code /usr/bin/python3}) into
     * {@code kernelsDirectory/helk-lab}.
     */
    public Path writeKernelSpec(Path kernelsDirectory) throws IOException {
        return KernelSpec.write(kernelsDirectory, KernelSpec.DEFAULT_PYTHON);
    }

    /** The ids of the kernels alive now. */
    public List<String> kernelIds() {
        return List.copyOf(sessions.keySet());
    }

    private void acceptBridges() {
        while (true) {
            Socket bridge;
            try {
                bridge = serverSocket.accept();
            } catch (IOException closed) {
                return; // close() closed the server socket
            }
            String id = Integer.toString(kernelNumbers.incrementAndGet());
            Thread thread = new Thread(() -> serveBridge(id, bridge), "helk-lab-kernel-bridge-" + id);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void serveBridge(String id, Socket bridge) {
        JupyterKernel kernel = null;
        try (bridge; InputStream input = bridge.getInputStream(); OutputStream output = bridge.getOutputStream()) {
            bridge.setSoTimeout(HANDSHAKE_TIMEOUT_MILLISECONDS);
            JsonNode hello = MessageCodec.json().readTree(readLine(input));
            if (!secretMatches(hello.path("secret").asText(""))) {
                LOGGER.warn("Kernel gateway refused a bridge from {}: wrong secret", bridge.getRemoteSocketAddress());
                answer(output, "error", "wrong secret: the bridge's " + SECRET_VARIABLE
                        + " does not match this appliance's (was Jupyter started by another appliance?)");
                return;
            }
            ConnectionInfo connection = ConnectionInfo.fromJson(hello.path("connection"));
            closeSessionsBoundTo(connection);
            kernel = new JupyterKernel(id, connection, environment, () -> closeQuietly(bridge));
            kernel.start();
            sessions.put(id, new BridgeSession(kernel, bridge));
            if (closed) {
                throw new IOException("the appliance is shutting down its kernel gateway");
            }
            answer(output, "ok", "kernel " + id);
            bridge.setSoTimeout(0);
            while (input.read() >= 0) {
                // the bridge sends nothing more; end of stream means it (and so the kernel) is gone
            }
        } catch (SocketException closedByKernelOrGateway) {
            LOGGER.debug("Bridge connection of kernel {} closed: {}", id, closedByKernelOrGateway.toString());
        } catch (IOException | RuntimeException failure) {
            LOGGER.warn("Kernel gateway could not serve kernel {}: {}", id, failure.toString());
            try {
                answer(bridge.getOutputStream(), "error", failure.getMessage());
            } catch (IOException ignored) {
                // the bridge is gone already; the warning above says why
            }
        } finally {
            sessions.remove(id);
            if (kernel != null) {
                kernel.close();
            }
        }
    }

    /** Jupyter reuses a kernel's ports on restart; a session still on them belongs to a dead bridge. */
    private void closeSessionsBoundTo(ConnectionInfo connection) {
        sessions.values().removeIf(session -> {
            ConnectionInfo other = session.kernel().connection();
            boolean stale = other.ip().equals(connection.ip()) && other.shellPort() == connection.shellPort();
            if (stale) {
                LOGGER.info("Closing kernel {}: a new kernel asks for its ports", session.kernel().id());
                session.close();
            }
            return stale;
        });
    }

    private boolean secretMatches(String presented) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] expected = digest.digest(secret.getBytes(StandardCharsets.UTF_8));
            byte[] actual = digest.digest(presented.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, actual);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", impossible);
        }
    }

    private static byte[] readLine(InputStream input) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int next; (next = input.read()) != '\n'; ) {
            if (next < 0 || line.size() > HANDSHAKE_MAXIMUM_BYTES) {
                throw new IOException("the bridge sent no complete hello line (" + line.size() + " bytes)");
            }
            line.write(next);
        }
        return line.toByteArray();
    }

    private static void answer(OutputStream output, String status, String message) throws IOException {
        byte[] line = (MessageCodec.json().createObjectNode().put("status", status).put("message", message)
                + "\n").getBytes(StandardCharsets.UTF_8);
        output.write(line);
        output.flush();
    }

    private static void closeQuietly(Closeable socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    /** Stops accepting bridges and shuts every kernel down (their bridges exit). Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (serverSocket != null) {
            closeQuietly(serverSocket);
        }
        sessions.values().forEach(BridgeSession::close);
        sessions.clear();
        if (acceptThread != null) {
            try {
                acceptThread.join(5_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
