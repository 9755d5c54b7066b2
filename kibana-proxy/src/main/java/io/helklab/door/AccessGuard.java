package io.helklab.door;

import io.helklab.Passwords;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.server.handlers.CookieImpl;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.FormParserFactory;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a request must pass before the door serves or forwards it.
 *
 * <ul>
 *   <li><b>Origin</b>, always: a WebSocket upgrade or a state-changing request (POST, PUT, PATCH,
 *       DELETE) whose {@code Origin} is not this host is refused. The door adds Jupyter's token to
 *       what it forwards, so without this any web page a user visits could run code in a kernel.
 *   <li><b>Host</b>, when bound to loopback: the Host header must name loopback, which stops DNS
 *       rebinding (a hostile name that resolves to 127.0.0.1 passes the Origin check).
 *   <li><b>Login</b>, when bound to anything but loopback: HTTP Basic with user {@code helk} and the
 *       appliance password, or a session cookie from the login form at {@code /login}. Without
 *       either, only the login page is served (status 401).
 * </ul>
 *
 * Passwords are compared in constant time. Failed sign-ins are logged and braked per client address
 * ({@link LoginBrake}): a locked-out address gets 429 without its password being checked. Sessions live in
 * memory for twelve hours. Thread-safe.
 */
final class AccessGuard implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AccessGuard.class);
    static final String USER = "helk";
    static final String SESSION_COOKIE = "helk_lab_session";
    private static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    private static final Set<HttpString> SAFE_METHODS = Set.of(Methods.GET, Methods.HEAD, Methods.OPTIONS);

    private final boolean loginRequired;
    private final byte[] passwordDigest;
    private final HttpHandler next;
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
    private final FormParserFactory forms = FormParserFactory.builder().build();
    private final LoginBrake brake;

    /**
     * @param bindAddress where the door listens; decides whether a login is required
     * @param password    the appliance password; required when the bind address is not loopback
     */
    AccessGuard(String bindAddress, String password, HttpHandler next) {
        this(bindAddress, password, next, Clock.systemUTC());
    }

    AccessGuard(String bindAddress, String password, HttpHandler next, Clock clock) {
        this.brake = new LoginBrake(clock);
        this.loginRequired = requiresLogin(bindAddress);
        if (loginRequired && (password == null || password.isEmpty())) {
            throw new IllegalStateException("The front door listens on " + bindAddress + ", which other machines can reach, "
                    + "but has no password to protect it. Pass the appliance password (FrontDoor.withPassword), "
                    + "or bind to 127.0.0.1.");
        }
        this.passwordDigest = password == null ? null : digest(password);
        this.next = next;
    }

    /** Whether a door on this address must ask for a login: anything not loopback can be reached from elsewhere. */
    static boolean requiresLogin(String bindAddress) {
        try {
            return !InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException unresolvable) {
            return true;
        }
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!loginRequired && !loopbackHost(exchange.getRequestHeaders().getFirst(Headers.HOST))) {
            refuse(exchange, "This HELK lab only answers to 127.0.0.1 or localhost. Open it as http://127.0.0.1:"
                    + exchange.getHostPort() + "/ (start it with --bind to serve other names).");
            return;
        }
        if (crossOrigin(exchange)) {
            refuse(exchange, "Refused a cross-origin request: the page that sent it is not served by this HELK lab.");
            return;
        }
        if (!loginRequired) {
            next.handleRequest(exchange);
            return;
        }
        String path = exchange.getRequestPath();
        if (path.equals("/login")) {
            login(exchange);
        } else if (path.equals("/logout")) {
            logout(exchange);
        } else if (validSession(exchange)) {
            // The door's credentials are not the children's business.
            exchange.getRequestHeaders().remove(Headers.AUTHORIZATION);
            next.handleRequest(exchange);
        } else {
            basicLogin(exchange, path);
        }
    }

    /** HTTP Basic credentials, checked unless the client is locked out by the {@link LoginBrake}. */
    private void basicLogin(HttpServerExchange exchange, String path) throws Exception {
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            challenge(exchange, path, false);
            return;
        }
        String client = client(exchange);
        Duration lockout = brake.lockout(client);
        if (!lockout.isZero()) {
            tooManyFailures(exchange, client, lockout);
            return;
        }
        if (basicMatches(authorization)) {
            brake.succeeded(client);
            exchange.getRequestHeaders().remove(Headers.AUTHORIZATION);
            next.handleRequest(exchange);
        } else {
            failed(client, "HTTP Basic");
            challenge(exchange, path, false);
        }
    }

    private void failed(String client, String how) {
        LoginBrake.Failures failures = brake.failed(client);
        Duration lockout = LoginBrake.lockoutAfter(failures.count());
        LOG.warn("Failed sign-in ({}) from {}: {} in a row{}", how, client, failures.count(),
                lockout.isZero() ? "" : "; its sign-ins are refused for " + lockout.toSeconds() + " s");
    }

    private static String client(HttpServerExchange exchange) {
        InetSocketAddress source = exchange.getSourceAddress();
        return source == null || source.getAddress() == null ? "unknown" : source.getAddress().getHostAddress();
    }

    private static void tooManyFailures(HttpServerExchange exchange, String client, Duration lockout) {
        long seconds = Math.max(1, (lockout.toMillis() + 999) / 1000);
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(seconds));
        Html.send(exchange, StatusCodes.TOO_MANY_REQUESTS, Html.page("Sign in", "", "<section><h2>Sign in</h2>"
                + "<p class=\"down status\">Too many failed sign-ins from " + Html.escape(client) + ".</p>"
                + "<p>Try again in " + seconds + " s. <a href=\"/login\">Sign in</a></p></section>"));
    }

    static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            return name.startsWith("[::1]");
        }
        int colon = name.indexOf(':');
        name = colon < 0 ? name : name.substring(0, colon);
        return name.equals("localhost") || name.matches("127(\\.\\d{1,3}){3}");
    }

    /** Cross-origin by the Origin header (or, failing that, Fetch Metadata), for upgrades and state changes only. */
    static boolean crossOrigin(HttpServerExchange exchange) {
        boolean upgrade = exchange.getRequestHeaders().contains(Headers.UPGRADE);
        if (!upgrade && SAFE_METHODS.contains(exchange.getRequestMethod())) {
            return false;
        }
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin == null) {
            // Browsers always send Origin on cross-origin POSTs and WebSockets; scripts and shippers do not.
            return "cross-site".equals(exchange.getRequestHeaders().getFirst("Sec-Fetch-Site"));
        }
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        try {
            URI uri = URI.create(origin.trim());
            if (uri.getHost() == null || host == null) {
                return true;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
            String originHost = uri.getHost().toLowerCase(Locale.ROOT);
            String expected = host.toLowerCase(Locale.ROOT);
            if (!expected.contains(":") || expected.endsWith("]")) {
                expected = expected + ":80";
            }
            return !expected.equals(originHost + ":" + port);
        } catch (IllegalArgumentException unparseable) {
            return true;
        }
    }

    private boolean validSession(HttpServerExchange exchange) {
        Cookie cookie = exchange.getRequestCookie(SESSION_COOKIE);
        if (cookie != null) {
            Instant expiry = sessions.get(cookie.getValue());
            if (expiry != null && expiry.isAfter(Instant.now())) {
                return true;
            }
            sessions.remove(cookie.getValue());
        }
        return false;
    }

    private boolean basicMatches(String authorization) {
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 && decoded.substring(0, colon).equals(USER) && passwordMatches(decoded.substring(colon + 1));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    boolean passwordMatches(String candidate) {
        // Comparing digests keeps the time independent of where the strings differ and of their lengths.
        return MessageDigest.isEqual(digest(candidate), passwordDigest);
    }

    private void login(HttpServerExchange exchange) throws Exception {
        if (!exchange.getRequestMethod().equals(Methods.POST)) {
            String next = safeNext(exchange.getQueryParameters().containsKey("next")
                    ? exchange.getQueryParameters().get("next").getFirst() : "/");
            Html.send(exchange, StatusCodes.OK, loginPage(next, false));
            return;
        }
        FormDataParser parser = forms.createParser(exchange);
        if (parser == null) {
            challenge(exchange, "/", true);
            return;
        }
        parser.parse(parsed -> {
            FormData form = parsed.getAttachment(FormDataParser.FORM_DATA);
            String user = value(form, "user");
            String password = value(form, "password");
            String next = safeNext(value(form, "next"));
            String client = client(parsed);
            Duration lockout = brake.lockout(client);
            if (!lockout.isZero()) {
                tooManyFailures(parsed, client, lockout);
                return;
            }
            if (!USER.equals(user) || !passwordMatches(password)) {
                failed(client, "login form");
                challenge(parsed, next, true);
                return;
            }
            brake.succeeded(client);
            String session = Passwords.generate(40);
            sessions.entrySet().removeIf(entry -> entry.getValue().isBefore(Instant.now()));
            sessions.put(session, Instant.now().plus(SESSION_LIFETIME));
            parsed.setResponseCookie(new CookieImpl(SESSION_COOKIE, session).setPath("/").setHttpOnly(true)
                    .setSecure(parsed.isSecure()).setSameSiteMode("Strict").setMaxAge((int) SESSION_LIFETIME.toSeconds()));
            parsed.setStatusCode(StatusCodes.SEE_OTHER);
            parsed.getResponseHeaders().put(Headers.LOCATION, next);
            parsed.endExchange();
        });
    }

    private void logout(HttpServerExchange exchange) {
        Cookie cookie = exchange.getRequestCookie(SESSION_COOKIE);
        if (cookie != null) {
            sessions.remove(cookie.getValue());
        }
        exchange.setResponseCookie(new CookieImpl(SESSION_COOKIE, "").setPath("/").setMaxAge(0));
        exchange.setStatusCode(StatusCodes.SEE_OTHER);
        exchange.getResponseHeaders().put(Headers.LOCATION, "/login");
        exchange.endExchange();
    }

    private static String value(FormData form, String name) {
        FormData.FormValue value = form == null ? null : form.getFirst(name);
        return value == null || value.isFileItem() ? "" : value.getValue();
    }

    /** Only a path on this server, so the form cannot be used to redirect users elsewhere. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.chars().anyMatch(Character::isISOControl)) {
            return "/";
        }
        return next;
    }

    private void challenge(HttpServerExchange exchange, String next, boolean failed) {
        String accept = exchange.getRequestHeaders().getFirst(Headers.ACCEPT);
        if (accept == null || !accept.contains("text/html")) {
            // Programs get the standard challenge; browsers get the form instead of the native dialog.
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Basic realm=\"HELK lab\", charset=\"UTF-8\"");
        }
        String query = exchange.getQueryString();
        String target = failed || query.isEmpty() ? next : next + "?" + query;
        Html.send(exchange, StatusCodes.UNAUTHORIZED, loginPage(safeNext(target), failed));
    }

    private static String loginPage(String next, boolean failed) {
        String body = "<section><h2>Sign in</h2>"
                + (failed ? "<p class=\"down status\">Wrong user or password.</p>" : "")
                + "<form method=\"post\" action=\"/login\">"
                + "<input type=\"hidden\" name=\"next\" value=\"" + Html.escape(next) + "\">"
                + "<label for=\"user\">User</label><input id=\"user\" name=\"user\" value=\"helk\" autocomplete=\"username\">"
                + "<label for=\"password\">Password</label>"
                + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" autofocus>"
                + "<br><button type=\"submit\">Sign in</button></form>"
                + "<p class=\"hint\">The password was printed when HELK lab started (or chosen with --password-file).</p></section>";
        return Html.page("Sign in", "", body);
    }

    private static void refuse(HttpServerExchange exchange, String reason) {
        Html.send(exchange, StatusCodes.FORBIDDEN, Html.page("Refused", "", "<section><h2>Refused</h2><p>"
                + Html.escape(reason) + "</p></section>"));
    }

    private static byte[] digest(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
