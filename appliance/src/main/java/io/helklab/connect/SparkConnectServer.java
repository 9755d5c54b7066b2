package io.helklab.connect;

import io.helklab.service.PortInUseException;
import io.helklab.service.Service;
import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connect.service.SparkConnectInterceptorRegistry$;
import org.apache.spark.sql.connect.service.SparkConnectService;
import org.apache.spark.sql.connect.service.SparkConnectService$;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkproject.connect.grpc.Metadata;
import org.sparkproject.connect.grpc.Server;
import org.sparkproject.connect.grpc.ServerCall;
import org.sparkproject.connect.grpc.ServerCallHandler;
import org.sparkproject.connect.grpc.ServerInterceptor;
import org.sparkproject.connect.grpc.ServerInterceptors;
import org.sparkproject.connect.grpc.netty.NettyServerBuilder;
import scala.Option;

/**
 * Spark Connect on the appliance's Spark context, so PySpark and JVM clients attach with
 * {@code sc://localhost:15002}.
 *
 * <p>Why not {@code SparkConnectService.start}: in Spark 3.5 it binds the gRPC server with
 * {@code NettyServerBuilder.forPort}, that is on every interface, and has no setting for the address (Spark 4
 * added {@code spark.connect.grpc.binding.address}). This service builds the same server (Spark's
 * {@code SparkConnectService} handler, the configured interceptors) bound to 127.0.0.1 only, and hands it to
 * Spark's service object so its session management and {@code stop} work as usual. Spark's Connect web UI tab
 * is not installed (the appliance runs Spark without a UI).
 *
 * <p>Each client session is a new Spark session of the same context: it shares the catalog (the hunt tables of
 * {@code HuntData}, global temporary views) but not the root session's temporary views. Lifecycle: start once,
 * after Spark; {@link #close()} stops the server and closes every client session. Thread-safe.
 */
public final class SparkConnectServer implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(SparkConnectServer.class);
    private static final String HOST = "127.0.0.1";
    private static final int MAX_INBOUND_MESSAGE_BYTES = 128 * 1024 * 1024;

    private final Supplier<SparkSession> spark;
    private final int port;
    private final Runnable beforeEachRequest;
    private volatile Server server;
    private volatile ServiceStatus status = ServiceStatus.STARTING;

    /**
     * @param port              the gRPC port; 0 picks a free one
     * @param beforeEachRequest run before every client request, e.g. to register tables for new indices; its
     *                          failures are logged and the request goes on
     */
    public SparkConnectServer(Supplier<SparkSession> spark, int port, Runnable beforeEachRequest) {
        this.spark = spark;
        this.port = port;
        this.beforeEachRequest = beforeEachRequest;
    }

    @Override
    public String name() {
        return "spark-connect";
    }

    @Override
    public synchronized void start() throws Exception {
        SparkSession session = spark.get();
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(HOST, port))
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES);
        builder.addService(ServerInterceptors.intercept(new SparkConnectService(false), new BeforeEachRequest()));
        SparkConnectInterceptorRegistry$.MODULE$.chainInterceptors(builder);
        Server started;
        try {
            started = builder.build().start();
        } catch (IOException failure) {
            if (failure.getCause() instanceof BindException || failure instanceof BindException) {
                throw new PortInUseException("Spark Connect", HOST, port, "--spark-connect-port", failure);
            }
            throw failure;
        }
        server = started;
        SparkConnectService$.MODULE$.server_$eq(started);
        // Code that asks Spark where Connect listens (and clients' hints) read the real port.
        session.sparkContext().conf().set("spark.connect.grpc.binding.port", Integer.toString(boundPort()));
        status = ServiceStatus.UP;
        LOG.info("Spark Connect listens on sc://{}:{}", HOST, boundPort());
    }

    /** Runs the hook when a query or schema request arrives, before Spark Connect handles it. */
    private final class BeforeEachRequest implements ServerInterceptor {
        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                ServerCallHandler<Q, A> next) {
            String method = call.getMethodDescriptor().getBareMethodName();
            try {
                if ("ExecutePlan".equals(method) || "AnalyzePlan".equals(method)) {
                    beforeEachRequest.run();
                }
            } catch (Exception failure) {
                // Spark's AnalysisException is a checked exception to Java, hence Exception.
                LOG.warn("The hook before Spark Connect request {} failed; the request goes on",
                        call.getMethodDescriptor().getFullMethodName(), failure);
            }
            return next.startCall(call, headers);
        }
    }

    /** The port the server bound. */
    public int boundPort() {
        Server current = server;
        if (current == null) {
            throw new IllegalStateException("Spark Connect is not started");
        }
        return current.getPort();
    }

    /** {@code sc://127.0.0.1:<port>}, the URL clients pass to {@code SparkSession.builder().remote(...)}. */
    public String url() {
        return "sc://" + HOST + ":" + boundPort();
    }

    @Override
    public ServiceHealth health() {
        Server current = server;
        if (current == null) {
            return ServiceHealth.of(status, null);
        }
        ServiceStatus reported = current.isShutdown() ? ServiceStatus.DOWN : status;
        return new ServiceHealth(reported, HOST + ":" + current.getPort(), Map.of("url", url(),
                "listens", current.getListenSockets().toString()));
    }

    @Override
    public synchronized void close() {
        status = ServiceStatus.DOWN;
        Server current = server;
        if (current == null) {
            return;
        }
        try {
            SparkConnectService$.MODULE$.stop(Option.apply((Object) 10L), Option.apply(TimeUnit.SECONDS));
        } finally {
            if (!current.isShutdown()) {
                current.shutdownNow();
            }
            server = null;
        }
    }
}
