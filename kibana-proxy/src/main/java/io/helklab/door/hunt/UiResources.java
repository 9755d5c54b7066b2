package io.helklab.door.hunt;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the hunt UI that {@code mvn package} built into {@code io/helklab/door/ui/} on the class path.
 * {@code index.html} is revalidated on every load ({@code no-cache}); Vite's content-hashed files under
 * {@code assets/} are cached for a year as immutable. Paths are resolved inside that one resource
 * directory only. If the jar was built without the UI, the page says so and how to fix it.
 *
 * <p>Thread-safe; resources are read once and kept in memory (the bundle is a few megabytes). May block
 * on first read of a resource: mount it with {@code FrontDoor.blocking}.
 */
public final class UiResources implements HttpHandler {
    static final String RESOURCE_ROOT = "/io/helklab/door/ui/";
    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("map", "application/json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("woff", "font/woff"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("txt", "text/plain; charset=utf-8"));
    private static final String NOT_BUILT = "<!doctype html><title>HELK lab</title><h1>The hunt UI is not in this build"
            + "</h1><p>This jar was built without the browser UI (io/helklab/door/ui/index.html is missing from the class "
            + "path). Rebuild with <code>mvn package</code> on a machine with Node.js 20.19+ and npm on the PATH. "
            + "The REST API under <a href=\"/api/hunt/scenarios\">/api/hunt/</a> works without it.</p>";

    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        HttpString method = exchange.getRequestMethod();
        if (!method.equals(Methods.GET) && !method.equals(Methods.HEAD)) {
            exchange.setStatusCode(StatusCodes.METHOD_NOT_ALLOWED);
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            return;
        }
        String relative = exchange.getRelativePath();
        if (relative.isEmpty()) {
            // Mounted under a prefix and asked without the trailing slash: the page's relative asset URLs need it.
            exchange.setStatusCode(StatusCodes.FOUND);
            exchange.getResponseHeaders().put(Headers.LOCATION, exchange.getRequestPath() + "/");
            return;
        }
        String name = relative.equals("/") ? "index.html" : relative.substring(1);
        if (!name.matches("[A-Za-z0-9._/-]+") || name.contains("..") || name.startsWith("/")) {
            notFound(exchange, name);
            return;
        }
        Optional<byte[]> content = cache.computeIfAbsent(name, UiResources::read);
        if (content.isEmpty()) {
            if (name.equals("index.html")) {
                exchange.setStatusCode(StatusCodes.SERVICE_UNAVAILABLE);
                send(exchange, "text/html; charset=utf-8", "no-store", NOT_BUILT.getBytes(StandardCharsets.UTF_8));
            } else {
                notFound(exchange, name);
            }
            return;
        }
        String cacheControl = name.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
        send(exchange, contentType(name), cacheControl, content.get());
    }

    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static Optional<byte[]> read(String name) {
        try (InputStream stream = UiResources.class.getResourceAsStream(RESOURCE_ROOT + name)) {
            return stream == null ? Optional.empty() : Optional.of(stream.readAllBytes());
        } catch (IOException failure) {
            throw new UncheckedIOException("Reading the UI resource " + RESOURCE_ROOT + name + " failed", failure);
        }
    }

    private static void notFound(HttpServerExchange exchange, String name) {
        exchange.setStatusCode(StatusCodes.NOT_FOUND);
        send(exchange, "text/plain; charset=utf-8", "no-store",
                ("No UI resource '" + name + "'.").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpServerExchange exchange, String contentType, String cacheControl, byte[] body) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, cacheControl);
        exchange.getResponseHeaders().put(new HttpString("X-Content-Type-Options"), "nosniff");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        if (exchange.getRequestMethod().equals(Methods.HEAD)) {
            exchange.endExchange();
            return;
        }
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }
}
