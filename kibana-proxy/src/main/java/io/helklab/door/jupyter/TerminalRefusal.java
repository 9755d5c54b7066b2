package io.helklab.door.jupyter;

import io.helklab.door.Html;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

/**
 * Refuses Jupyter's terminals at the door when they are off: Jupyter itself is started with terminals
 * disabled, and this keeps them unreachable even if a Jupyter ignores that setting (another version,
 * a user's configuration). A terminal is a shell as the appliance's user for whoever can log in.
 * Stateless and thread-safe.
 */
public final class TerminalRefusal implements HttpHandler {
    private static final String[] TERMINAL_PATHS = {Jupyter.BASE_PATH + "api/terminals", Jupyter.BASE_PATH + "terminals"};

    private final HttpHandler next;

    public TerminalRefusal(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (isTerminalPath(exchange.getRequestPath())) {
            Html.send(exchange, StatusCodes.FORBIDDEN, Html.page("Terminals are off", "", "<section><h2>Terminals are off"
                    + "</h2><p>Jupyter's terminals would give everyone who can sign in a shell on this machine. Start "
                    + "HELK lab with --jupyter-terminals to offer them.</p></section>"));
            return;
        }
        next.handleRequest(exchange);
    }

    static boolean isTerminalPath(String path) {
        // Jupyter resolves //, /./ and case as written, so compare the path as Jupyter will route it.
        String normalized = path.replaceAll("/{2,}", "/").replace("/./", "/");
        for (String prefix : TERMINAL_PATHS) {
            if (normalized.equals(prefix) || normalized.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
