package io.helklab.kernel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One notebook kernel session: binds the five sockets of a Jupyter connection file with JeroMQ and
 * serves the Jupyter messaging protocol 5.3 against this JVM.
 *
 * <p>Lifecycle: {@link #start()} builds the JShell session and binds the sockets (failing with an
 * {@code IOException} if a port is taken); a {@code shutdown_request} or {@link #close()} ends it,
 * and {@link #close()} returns once the sockets are unbound, so a restarted kernel can bind the same
 * ports. After a {@code shutdown_request} the {@code onShutdown} callback runs on the I/O thread.
 *
 * <p>Threading: an I/O thread owns every socket: it answers the heartbeat and control requests
 * (interrupt, shutdown, kernel_info) itself, hands shell requests to a single execution thread in
 * arrival order, and sends what that thread queues in the {@link Outbox}. Messages with a missing
 * or wrong signature are dropped and logged.
 */
public final class JupyterKernel implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(JupyterKernel.class);
    private static final int POLL_MILLISECONDS = 20;
    private static final int LINGER_MILLISECONDS = 1000;
    private static final long STOP_SECONDS = 10;

    private final String id;
    private final ConnectionInfo connection;
    private final KernelEnvironment environment;
    private final Runnable onShutdown;
    private final MessageCodec codec;
    private final Outbox outbox;
    private final ExecutorService execution;
    private final CompletableFuture<Void> bound = new CompletableFuture<>();
    private final Thread ioThread;
    private volatile KernelRequestHandler handler;
    private volatile boolean running = true;
    private volatile boolean shutdownRequested;
    private final AtomicBoolean closed = new AtomicBoolean();

    JupyterKernel(String id, ConnectionInfo connection, KernelEnvironment environment, Runnable onShutdown) {
        this.id = id;
        this.connection = connection;
        this.environment = environment;
        this.onShutdown = onShutdown;
        this.codec = new MessageCodec(connection.key());
        this.outbox = new Outbox(codec);
        this.execution = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, "execution"));
        this.ioThread = daemon(this::serve, "io");
    }

    public String id() {
        return id;
    }

    public ConnectionInfo connection() {
        return connection;
    }

    /** Builds the JShell session and binds the sockets; blocks until both are done. */
    void start() throws IOException {
        try {
            handler = execution.submit(() -> new KernelRequestHandler(id, environment, outbox))
                    .get(2, TimeUnit.MINUTES);
            ioThread.start();
            bound.get(STOP_SECONDS, TimeUnit.SECONDS);
            LOGGER.info("Kernel {} listening on {}", id, connection);
        } catch (ExecutionException failure) {
            close();
            throw new IOException("Kernel " + id + " could not start on " + connection + ": " + failure.getCause(),
                    failure.getCause());
        } catch (TimeoutException | InterruptedException failure) {
            close();
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("Kernel " + id + " did not start in time on " + connection, failure);
        }
    }

    private void serve() {
        try (ZContext context = new ZContext()) {
            Map<KernelChannel, ZMQ.Socket> sockets = new EnumMap<>(KernelChannel.class);
            sockets.put(KernelChannel.SHELL, bind(context, SocketType.ROUTER, connection.shellPort()));
            sockets.put(KernelChannel.IOPUB, bind(context, SocketType.PUB, connection.iopubPort()));
            sockets.put(KernelChannel.STDIN, bind(context, SocketType.ROUTER, connection.stdinPort()));
            sockets.put(KernelChannel.CONTROL, bind(context, SocketType.ROUTER, connection.controlPort()));
            ZMQ.Socket heartbeat = bind(context, SocketType.REP, connection.heartbeatPort());
            bound.complete(null);
            ZMQ.Poller poller = context.createPoller(4);
            int shellIndex = poller.register(sockets.get(KernelChannel.SHELL), ZMQ.Poller.POLLIN);
            int controlIndex = poller.register(sockets.get(KernelChannel.CONTROL), ZMQ.Poller.POLLIN);
            int stdinIndex = poller.register(sockets.get(KernelChannel.STDIN), ZMQ.Poller.POLLIN);
            int heartbeatIndex = poller.register(heartbeat, ZMQ.Poller.POLLIN);
            while (running) {
                poller.poll(POLL_MILLISECONDS);
                if (poller.pollin(heartbeatIndex)) {
                    for (byte[] ping; (ping = heartbeat.recv(ZMQ.DONTWAIT)) != null; ) {
                        heartbeat.send(ping);
                    }
                }
                if (poller.pollin(controlIndex)) {
                    receiveAll(sockets.get(KernelChannel.CONTROL), KernelChannel.CONTROL);
                }
                if (poller.pollin(shellIndex)) {
                    receiveAll(sockets.get(KernelChannel.SHELL), KernelChannel.SHELL);
                }
                if (poller.pollin(stdinIndex)) {
                    receiveAll(sockets.get(KernelChannel.STDIN), KernelChannel.STDIN);
                }
                KernelRequestHandler current = handler;
                if (current != null) {
                    current.publishPendingOutput();
                }
                sendQueued(sockets);
            }
            sendQueued(sockets); // e.g. the shutdown reply; linger lets it leave before the close
        } catch (ZMQException | IllegalStateException failure) {
            if (!bound.completeExceptionally(failure)) {
                LOGGER.error("Kernel {} stopped serving after a socket failure", id, failure);
            }
        } finally {
            running = false;
        }
        if (shutdownRequested) {
            onShutdown.run();
        }
    }

    private ZMQ.Socket bind(ZContext context, SocketType type, int port) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(LINGER_MILLISECONDS);
        String endpoint = connection.endpoint(port);
        try {
            socket.bind(endpoint);
        } catch (ZMQException failure) {
            throw new IllegalStateException("could not bind " + type + " socket to " + endpoint + " ("
                    + failure.getMessage() + "); another process holds the port", failure);
        }
        return socket;
    }

    private void receiveAll(ZMQ.Socket socket, KernelChannel channel) {
        for (byte[] first; (first = socket.recv(ZMQ.DONTWAIT)) != null; ) {
            List<byte[]> frames = new ArrayList<>();
            frames.add(first);
            while (socket.hasReceiveMore()) {
                frames.add(socket.recv(0));
            }
            JupyterMessage message;
            try {
                message = codec.decode(channel, frames);
            } catch (MessageCodec.InvalidMessageException invalid) {
                LOGGER.warn("Kernel {} dropped a message on its {} socket: {}", id, channel, invalid.getMessage());
                continue;
            }
            dispatch(message);
        }
    }

    private void dispatch(JupyterMessage message) {
        String type = message.type();
        if (message.channel() == KernelChannel.STDIN) {
            LOGGER.info("Kernel {} ignores {} on stdin (input() is not supported)", id, type);
        } else if (type.equals("shutdown_request")) {
            answerOnIoThread(message, "shutdown_reply", MessageCodec.json().createObjectNode()
                    .put("status", "ok").put("restart", message.content().path("restart").asBoolean(false)));
            shutdownRequested = true;
            running = false;
        } else if (type.equals("interrupt_request")) {
            boolean interrupted = handler.interrupt();
            LOGGER.info("Kernel {} interrupt requested ({})", id, interrupted ? "cell interrupted" : "no cell was running");
            answerOnIoThread(message, "interrupt_reply", MessageCodec.json().createObjectNode().put("status", "ok"));
        } else if (message.channel() == KernelChannel.CONTROL && type.equals("kernel_info_request")) {
            answerOnIoThread(message, "kernel_info_reply", KernelQueries.kernelInfo());
        } else if (message.channel() == KernelChannel.SHELL) {
            execution.execute(() -> {
                if (running) {
                    handler.handle(message);
                }
            });
        } else {
            LOGGER.info("Kernel {} ignores {} on its {} socket", id, type, message.channel());
        }
    }

    private void answerOnIoThread(JupyterMessage request, String type, ObjectNode content) {
        outbox.publishStatus(request, "busy");
        outbox.reply(request, type, content);
        outbox.publishStatus(request, "idle");
    }

    private void sendQueued(Map<KernelChannel, ZMQ.Socket> sockets) {
        for (Outbox.Envelope envelope; (envelope = outbox.poll()) != null; ) {
            ZMQ.Socket socket = sockets.get(envelope.channel());
            List<byte[]> frames = envelope.frames();
            for (int index = 0; index < frames.size() - 1; index++) {
                socket.sendMore(frames.get(index));
            }
            socket.send(frames.get(frames.size() - 1));
        }
    }

    /**
     * Stops the kernel: interrupts a running cell, unbinds the sockets and closes the JShell
     * session. Idempotent. A cell stuck in a loop that ignores interrupts keeps its (daemon) thread;
     * that is logged.
     */
    @Override
    public void close() {
        running = false;
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        KernelRequestHandler current = handler;
        if (current != null) {
            current.interrupt();
        }
        if (ioThread.isAlive() && Thread.currentThread() != ioThread) {
            try {
                ioThread.join(TimeUnit.SECONDS.toMillis(STOP_SECONDS));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (current != null) {
            execution.execute(current::close);
        }
        execution.shutdown();
        try {
            if (!execution.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
                LOGGER.warn("Kernel {}: a cell is still running after the kernel was closed and ignores"
                        + " interrupts; its thread is left behind", id);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        LOGGER.info("Kernel {} closed", id);
    }

    private Thread daemon(Runnable runnable, String role) {
        Thread thread = new Thread(runnable, "helk-lab-kernel-" + id + "-" + role);
        thread.setDaemon(true);
        return thread;
    }
}
