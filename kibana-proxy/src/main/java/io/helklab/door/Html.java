package io.helklab.door;

import io.helklab.kernel.HtmlText;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;

/**
 * The door's HTML: escaping and one self-contained page frame (inline CSS, no scripts, no fonts or
 * files from elsewhere, so it works offline and under a strict content security policy).
 */
public final class Html {
    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f5f6f8;color:#1d2330}
            header{background:#1d2330;color:#fff;padding:14px 28px}
            header h1{margin:0;font-size:20px;font-weight:600}
            header span{color:#9aa4b8;font-size:14px;margin-left:10px}
            main{max-width:980px;margin:0 auto;padding:20px 28px}
            section{background:#fff;border:1px solid #dde1e8;border-radius:6px;padding:14px 20px;margin-bottom:18px}
            h2{font-size:16px;margin:4px 0 12px}
            table{border-collapse:collapse;width:100%}
            td,th{text-align:left;padding:6px 8px;border-bottom:1px solid #eef0f4;vertical-align:top;font-size:14px}
            pre{background:#1d2330;color:#e6e9ef;padding:12px;border-radius:4px;overflow:auto;font-size:13px}
            code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
            a{color:#1f5fbf}
            .status{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600}
            .up{background:#dff5e3;color:#17652a}.starting{background:#fff4d6;color:#7a5a00}
            .down{background:#fde2e1;color:#9b1c1c}.not-installed{background:#e8eaef;color:#4a5162}
            .hint{color:#4a5162;font-size:13px}
            form label{display:block;margin:10px 0 4px;font-size:14px}
            input{font-size:15px;padding:6px 8px;width:260px}
            button{margin-top:14px;font-size:15px;padding:6px 16px}
            """;

    private Html() {}

    /** Escapes text for element content and double-quoted attribute values. */
    public static String escape(Object value) {
        return HtmlText.escape(value);
    }

    /** A whole page; {@code title} is escaped here, {@code body} must already be safe HTML. */
    public static String page(String title, String extraHead, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title>" + extraHead + "<style>" + STYLE + "</style></head>\n<body>"
                + "<header><h1>HELK lab<span>" + escape(title) + "</span></h1></header>\n<main>" + body + "</main></body></html>\n";
    }

    /** The CSS class for a status label such as {@code "not installed"}. */
    public static String statusClass(String label) {
        return label.replace(' ', '-');
    }

    /** Sends a page with the given status code; never cached. */
    public static void send(HttpServerExchange exchange, int statusCode, String html) {
        exchange.setStatusCode(statusCode);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(Headers.X_FRAME_OPTIONS, "DENY");
        exchange.getResponseHeaders().put(Headers.CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
        exchange.getResponseSender().send(html, StandardCharsets.UTF_8);
    }
}
