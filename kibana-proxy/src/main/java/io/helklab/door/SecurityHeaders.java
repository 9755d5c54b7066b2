package io.helklab.door;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.Map;

/**
 * The browser protections on everything the door answers itself (the hunt UI, its API, health, the
 * landing and login pages): a content security policy that allows only the door's own scripts, styles
 * and API, no framing by other sites (clickjacking the login or a challenge), no MIME sniffing and no
 * referrer beyond the door.
 *
 * <p>The headers are set before the request goes on, so a page may still tighten its own policy (the
 * door's HTML pages do). Jupyter and Kibana send their own policies, which these would break (Jupyter
 * frames its own pages, Kibana runs inline scripts), so {@link ChildProxy} takes them off again when it
 * forwards a request to them. Stateless and thread-safe.
 */
final class SecurityHeaders implements HttpHandler {
    /** The hunt UI is one script and one stylesheet from the door (Vite's build), talking to {@code /api} only. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";
    static final Map<HttpString, String> HEADERS = Map.of(
            Headers.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY,
            Headers.X_FRAME_OPTIONS, "DENY",
            new HttpString("X-Content-Type-Options"), "nosniff",
            new HttpString("Referrer-Policy"), "same-origin");

    private final HttpHandler next;

    SecurityHeaders(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        HEADERS.forEach((name, value) -> exchange.getResponseHeaders().put(name, value));
        next.handleRequest(exchange);
    }

    /** Takes the door's headers off a response that a child process will answer with its own. */
    static void removeFrom(HttpServerExchange exchange) {
        HEADERS.keySet().forEach(name -> exchange.getResponseHeaders().remove(name));
    }
}
