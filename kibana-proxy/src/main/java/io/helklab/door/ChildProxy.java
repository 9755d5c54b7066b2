package io.helklab.door;

import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import io.undertow.attribute.ExchangeAttributes;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.proxy.LoadBalancingProxyClient;
import io.undertow.server.handlers.proxy.ProxyHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Forwards everything under one path prefix, HTTP and WebSocket alike, to a child process on
 * loopback, or explains why it cannot.
 *
 * <p>The request goes out unchanged apart from the configured headers: the path keeps its prefix
 * (the child is configured with the same base path) and the Host header is kept (Jupyter compares
 * it with a WebSocket's Origin), and there is no request time limit, since kernels and Kibana
 * queries may run long. While the child is not up, the user gets a page saying so, and how to
 * install it when it is missing. Stateless apart from Undertow's connection pool; thread-safe.
 */
public final class ChildProxy implements HttpHandler {
    private final String title;
    private final String basePath;
    private final Supplier<ServiceHealth> health;
    private final HttpHandler proxy;

    /**
     * @param title          the name users know, e.g. "Jupyter Notebook"
     * @param basePath       the prefix this handler is mounted at, ending in {@code /}
     * @param health         the child's health
     * @param target         {@code http://127.0.0.1:<port>}; empty when the child is not installed
     * @param requestHeaders headers set on every forwarded request; an empty value removes the header
     */
    public ChildProxy(String title, String basePath, Supplier<ServiceHealth> health, Optional<URI> target,
            Map<String, String> requestHeaders) {
        if (!basePath.startsWith("/") || !basePath.endsWith("/")) {
            throw new IllegalArgumentException("the base path must start and end with '/', got '" + basePath + "'");
        }
        this.title = title;
        this.basePath = basePath;
        this.health = health;
        this.proxy = target.map(uri -> proxyTo(uri, requestHeaders)).orElse(null);
    }

    private static HttpHandler proxyTo(URI target, Map<String, String> requestHeaders) {
        LoadBalancingProxyClient client = new LoadBalancingProxyClient().addHost(target).setConnectionsPerThread(20);
        ProxyHandler.Builder builder = ProxyHandler.builder()
                .setProxyClient(client)
                .setMaxRequestTime(-1)
                .setRewriteHostHeader(false)
                .setReuseXForwarded(false);
        requestHeaders.forEach((name, value) -> builder.addRequestHeader(new HttpString(name), ExchangeAttributes.constant(value)));
        return builder.build();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        if (path.equals(basePath.substring(0, basePath.length() - 1))) {
            String query = exchange.getQueryString();
            exchange.setStatusCode(StatusCodes.FOUND);
            exchange.getResponseHeaders().put(Headers.LOCATION, basePath + (query.isEmpty() ? "" : "?" + query));
            exchange.endExchange();
            return;
        }
        ServiceHealth current = health.get();
        if (proxy != null && current.status() == ServiceStatus.UP) {
            // Undertow's proxy cuts the prefix a path handler matched; the child expects it, so forget the match.
            exchange.setResolvedPath("");
            SecurityHeaders.removeFrom(exchange);
            proxy.handleRequest(exchange);
            return;
        }
        unavailable(exchange, current);
    }

    private void unavailable(HttpServerExchange exchange, ServiceHealth current) {
        String label = current.status().label();
        StringBuilder body = new StringBuilder("<section><h2>").append(Html.escape(title)).append(" is ")
                .append("<span class=\"status ").append(Html.escape(Html.statusClass(label))).append("\">")
                .append(Html.escape(label)).append("</span></h2>");
        Object install = current.details().get("install");
        if (install != null) {
            body.append("<p>").append(Html.escape(install)).append("</p>");
        }
        Object failure = current.details().get("last_failure");
        if (failure != null) {
            body.append("<p>Last failure: ").append(Html.escape(failure)).append("</p>");
        }
        Object log = current.details().get("log");
        if (log != null) {
            body.append("<p class=\"hint\">Its log: <code>").append(Html.escape(log)).append("</code></p>");
        }
        boolean starting = current.status() == ServiceStatus.STARTING;
        if (starting) {
            body.append("<p class=\"hint\">This page reloads by itself.</p>");
        }
        body.append("<p><a href=\"/\">Back to the start page</a></p></section>");
        String head = starting ? "<meta http-equiv=\"refresh\" content=\"3\">" : "";
        if (starting) {
            // Tells clients other than a browser (helk-lab notebooks run, scripts) that waiting is worth it.
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "3");
        }
        Html.send(exchange, StatusCodes.SERVICE_UNAVAILABLE, Html.page(title, head, body.toString()));
    }
}
