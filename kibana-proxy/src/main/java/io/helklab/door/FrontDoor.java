package io.helklab.door;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.helklab.service.PortInUseException;
import io.helklab.service.Service;
import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The appliance's one HTTP port: the landing page at {@code /}, the health API, and whatever the
 * launcher {@linkplain #route routes} (the Jupyter and Kibana proxies, the hunt UI).
 *
 * <p>Every request first passes the {@link AccessGuard}: cross-origin state changes and WebSocket
 * upgrades are refused; bound to loopback, only loopback host names are served; bound to anything
 * else, nothing but a login page is served until the user signs in as {@code helk} with the
 * {@linkplain #withPassword appliance password}. Configure with {@code route}, {@code withPassword}
 * and {@code withLanding} before {@link #start()}.
 *
 * <p>Undertow's I/O threads only dispatch; every handler that can block is dispatched to its worker
 * pool. The door reports itself as service {@code http}.
 */
public final class FrontDoor implements Service {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String bindAddress;
    private final int port;
    private final Supplier<Map<String, ServiceHealth>> health;
    private volatile Supplier<Set<String>> optionalServices = Set::of;
    private final PathHandler routes = new PathHandler();
    private volatile LandingInfo landing = LandingInfo.empty();
    private String password;
    private SSLContext tls;
    private volatile Undertow server;
    private volatile int boundPort;

    /**
     * @param health the health of everything else, in display order; the door adds its own entry
     */
    public FrontDoor(String bindAddress, int port, Supplier<Map<String, ServiceHealth>> health) {
        this.bindAddress = bindAddress;
        this.port = port;
        this.health = health;
        routes.addExactPath("/api/health", blocking(this::serveHealth));
        LandingPage landingPage = new LandingPage(this::report, () -> landing);
        routes.addPrefixPath("/", blocking(landingPage));
        // The page stays reachable at /status when the hunt UI takes over /.
        routes.addExactPath(LandingPage.STATUS_PATH, blocking(landingPage));
        routes.addExactPath("/api/landing", blocking(exchange -> sendJson(exchange, landing.toJson())));
    }

    /**
     * The password users sign in with (user {@code helk}); required when the bind address is not
     * loopback, ignored otherwise. Call before {@link #start()}.
     */
    public FrontDoor withPassword(String newPassword) {
        this.password = newPassword;
        return this;
    }

    /** Serve HTTPS with this context instead of HTTP; call before {@link #start()}. */
    public FrontDoor withTls(SSLContext context) {
        this.tls = context;
        return this;
    }

    /** The names of the services whose failure only degrades the appliance, as the service group knows them. */
    public FrontDoor withOptionalServices(Supplier<Set<String>> names) {
        this.optionalServices = Objects.requireNonNull(names, "names");
        return this;
    }

    /** What the landing page says beyond health (Kafka address, scenarios); may be set at any time. */
    public FrontDoor withLanding(LandingInfo info) {
        this.landing = Objects.requireNonNull(info, "info");
        return this;
    }

    /** Whether this door asks for a login: it does whenever its bind address is not loopback. */
    public boolean requiresLogin() {
        return AccessGuard.requiresLogin(bindAddress);
    }

    /** Adds a handler for a path prefix; call before {@link #start()}. */
    public FrontDoor route(String prefix, HttpHandler handler) {
        routes.addPrefixPath(prefix, handler);
        return this;
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public void start() {
        AccessGuard guard = new AccessGuard(bindAddress, password, routes);
        Undertow.Builder builder = Undertow.builder();
        if (tls == null) {
            builder.addHttpListener(port, bindAddress);
        } else {
            builder.addHttpsListener(port, bindAddress, tls);
        }
        Undertow started = builder
                .setIoThreads(2)
                .setWorkerThreads(16)
                .setHandler(new SecurityHeaders(guard))
                .build();
        try {
            started.start();
        } catch (RuntimeException failure) {
            if (hasCause(failure, BindException.class)) {
                throw new PortInUseException("The front door", bindAddress, port, "--http-port", failure);
            }
            throw failure;
        }
        server = started;
        boundPort = ((InetSocketAddress) started.getListenerInfo().get(0).getAddress()).getPort();
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The port actually bound. */
    public int port() {
        return boundPort;
    }

    /** The URL a browser on this machine opens. */
    public String url() {
        String host = bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? "127.0.0.1" : bindAddress;
        return (tls == null ? "http://" : "https://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + boundPort
                + "/";
    }

    /** The current health report, this door included. */
    public HealthReport report() {
        return HealthReport.of(allHealth(), optionalServices.get());
    }

    private Map<String, ServiceHealth> allHealth() {
        Map<String, ServiceHealth> all = new LinkedHashMap<>(health.get());
        all.put(name(), health());
        return all;
    }

    private void serveHealth(HttpServerExchange exchange) throws Exception {
        if (!exchange.getRequestMethod().equals(Methods.GET) && !exchange.getRequestMethod().equals(Methods.HEAD)) {
            exchange.setStatusCode(StatusCodes.METHOD_NOT_ALLOWED);
            return;
        }
        Map<String, ServiceHealth> all = allHealth();
        sendJson(exchange, HealthReport.of(all, optionalServices.get()).toJson(all.keySet()));
    }

    /** Writes a JSON body with no caching. */
    public static void sendJson(HttpServerExchange exchange, Object body) throws Exception {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(JSON.writeValueAsString(body), StandardCharsets.UTF_8);
    }

    /** Runs a handler on a worker thread, since it may block. */
    public static HttpHandler blocking(HttpHandler handler) {
        return exchange -> {
            if (exchange.isInIoThread()) {
                exchange.dispatch(handler);
            } else {
                handler.handleRequest(exchange);
            }
        };
    }

    @Override
    public ServiceHealth health() {
        Undertow current = server;
        String address = current == null ? null : bindAddress + ":" + boundPort;
        return ServiceHealth.of(current == null ? ServiceStatus.STARTING : ServiceStatus.UP, address);
    }

    @Override
    public void close() {
        Undertow current = server;
        if (current != null) {
            current.stop();
            server = null;
        }
    }
}
