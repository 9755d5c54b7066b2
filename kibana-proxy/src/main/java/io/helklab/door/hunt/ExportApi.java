package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/hunt/export?q&index&from&to&filter&sort&columns&rows}: the search's matches as a CSV
 * download, streamed. The request is validated (and its fields checked) before the first byte is sent, so
 * bad input still gets a JSON error; a failure mid-stream cuts the connection, which a browser reports as
 * a failed download rather than a short file.
 */
final class ExportApi implements JsonEndpoint.Route {
    private static final Logger LOG = LoggerFactory.getLogger(ExportApi.class);

    private final CsvExport export;
    private final Clock clock;

    ExportApi(CsvExport export, Clock clock) {
        this.export = export;
        this.clock = clock;
    }

    @Override
    public Object answer(HttpServerExchange exchange, String path, Parameters parameters) throws IOException {
        JsonEndpoint.requireMethod(exchange, Methods.GET);
        if (!path.equals("/")) {
            throw HuntRequestException.notFound("The export lives at /api/hunt/export?columns=...");
        }
        CsvExport.Request request = CsvExport.Request.parse(exchange.getQueryParameters(), clock.instant());
        ObjectNode firstPage = export.firstPage(request);
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/csv; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment; filename=\"helk-lab-search.csv\"");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(new HttpString("X-Content-Type-Options"), "nosniff");
        exchange.startBlocking();
        long started = System.nanoTime();
        Writer out = new BufferedWriter(new OutputStreamWriter(exchange.getOutputStream(), StandardCharsets.UTF_8), 64 * 1024);
        long rows = export.write(request, firstPage, out);
        out.close();
        LOG.debug("exported {} rows in {} ms", rows, (System.nanoTime() - started) / 1_000_000);
        return null;
    }
}
