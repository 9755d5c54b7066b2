package io.helklab.door;

import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The page at {@code /}: every service with its status, address and link; the sample scenarios;
 * and how to send events from Winlogbeat. Anything else under {@code /} that no route claims gets a
 * 404 page. Rendered per request from the live health report; all values are escaped.
 */
final class LandingPage implements HttpHandler {
    /** Where the page is also served once the hunt UI owns {@code /}. */
    static final String STATUS_PATH = "/status";

    /** Where a service is served by the door, by service name. */
    private static final Map<String, String> DOOR_PATHS = Map.of("jupyter", "/jupyter/", "kibana", "/kibana/");
    private static final Map<String, String> TITLES = Map.of(
            "zookeeper", "ZooKeeper", "kafka", "Kafka", "elasticsearch", "Elasticsearch", "spark", "Spark",
            "jupyter", "Jupyter Notebook", "kibana", "Kibana", "http", "Front door");

    private final Supplier<HealthReport> health;
    private final Supplier<LandingInfo> info;

    LandingPage(Supplier<HealthReport> health, Supplier<LandingInfo> info) {
        this.health = health;
        this.info = info;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (!exchange.getRequestPath().equals("/") && !exchange.getRequestPath().equals(STATUS_PATH)) {
            Html.send(exchange, StatusCodes.NOT_FOUND, Html.page("Not found",
                    "", "<section><h2>Nothing here</h2><p>" + Html.escape(exchange.getRequestPath())
                            + " is not served by HELK lab. <a href=\"/\">Back to the start page</a>.</p></section>"));
            return;
        }
        if (!exchange.getRequestMethod().equals(Methods.GET) && !exchange.getRequestMethod().equals(Methods.HEAD)) {
            exchange.setStatusCode(StatusCodes.METHOD_NOT_ALLOWED);
            exchange.endExchange();
            return;
        }
        Html.send(exchange, StatusCodes.OK, render(health.get(), info.get()));
    }

    static String render(HealthReport report, LandingInfo info) {
        StringBuilder body = new StringBuilder();
        body.append("<section><h2>Services <span class=\"status ").append(Html.escape(report.status())).append("\">")
                .append(Html.escape(report.status())).append("</span></h2><table>")
                .append("<tr><th>Service</th><th>Status</th><th>Address</th><th></th></tr>");
        report.services().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(new DisplayOrder()))
                .forEach(entry -> serviceRow(body, entry.getKey(), entry.getValue()));
        body.append("</table><p class=\"hint\">Machine-readable: <a href=\"/api/health\">/api/health</a></p></section>");

        body.append("<section><h2>Sample scenarios</h2>");
        List<String> scenarios = info.scenarios().get();
        if (scenarios.isEmpty()) {
            body.append("<p class=\"hint\">No sample scenarios are loaded yet.</p>");
        } else {
            body.append("<ul>");
            scenarios.forEach(scenario -> body.append("<li>").append(Html.escape(scenario)).append("</li>"));
            body.append("</ul>");
        }
        body.append("</section>");

        body.append("<section><h2>Send events from Winlogbeat</h2>");
        String snippet = info.winlogbeatSnippet();
        if (snippet.isEmpty()) {
            body.append("<p class=\"hint\">Kafka is not running, so there is nowhere to send events yet.</p>");
        } else {
            body.append("<p>Put this in <code>winlogbeat.yml</code> on the Windows machine and restart Winlogbeat:</p><pre><code>")
                    .append(Html.escape(snippet)).append("</code></pre>");
        }
        body.append("</section>");
        return Html.page("Hunting ELK in one JVM", "", body.toString());
    }

    private static void serviceRow(StringBuilder body, String name, ServiceHealth health) {
        String label = health.status().label();
        String title = TITLES.getOrDefault(name, name);
        String path = DOOR_PATHS.get(name);
        body.append("<tr><td>").append(Html.escape(title)).append("</td><td><span class=\"status ")
                .append(Html.escape(Html.statusClass(label))).append("\">").append(Html.escape(label)).append("</span>");
        Object install = health.details().get("install");
        if (install != null) {
            body.append("<div class=\"hint\">").append(Html.escape(install)).append("</div>");
        }
        Object failure = health.details().get("last_failure");
        if (failure != null) {
            body.append("<div class=\"hint\">Last failure: ").append(Html.escape(failure)).append("</div>");
        }
        body.append("</td><td>").append(health.address() == null ? "" : "<code>" + Html.escape(health.address()) + "</code>")
                .append("</td><td>");
        if (path != null && health.status() != ServiceStatus.NOT_INSTALLED) {
            body.append("<a href=\"").append(path).append("\">Open ").append(Html.escape(title)).append("</a>");
        }
        body.append("</td></tr>");
    }

    /** The appliance's services in pipeline order, then the user-facing tools, then anything else by name. */
    private static final class DisplayOrder implements Comparator<String> {
        private static final List<String> ORDER = List.of("zookeeper", "kafka", "elasticsearch", "spark", "jupyter", "kibana", "http");

        @Override
        public int compare(String left, String right) {
            int leftRank = rank(left);
            int rightRank = rank(right);
            return leftRank != rightRank ? Integer.compare(leftRank, rightRank) : left.compareTo(right);
        }

        private static int rank(String name) {
            int index = ORDER.indexOf(name);
            return index < 0 ? ORDER.size() : index;
        }
    }
}
