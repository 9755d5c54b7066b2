package io.helklab.door;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What the door answers for a child that is not up: a page for people, and a Retry-After only while it is starting. */
class ChildProxyTest {
    @Test
    void saysWhenWaitingIsWorthItAndWhenNot() throws Exception {
        AtomicReference<ServiceHealth> health = new AtomicReference<>(ServiceHealth.of(ServiceStatus.STARTING, null));
        ChildProxy proxy = new ChildProxy("Jupyter Notebook", "/jupyter/", health::get, Optional.empty(), Map.of());
        Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(proxy).build();
        server.start();
        try {
            int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jupyter/api")).build();

            HttpResponse<String> starting = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(starting.statusCode()).isEqualTo(503);
            assertThat(starting.headers().firstValue("Retry-After")).contains("3");
            assertThat(starting.body()).contains("Jupyter Notebook is", "starting", "reloads by itself");

            health.set(new ServiceHealth(ServiceStatus.DOWN, null, Map.of("last_failure", "exited with status 1")));
            HttpResponse<String> failed = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(failed.statusCode()).isEqualTo(503);
            assertThat(failed.headers().firstValue("Retry-After")).isEmpty();
            assertThat(failed.body()).contains("Last failure: exited with status 1").doesNotContain("reloads by itself");
        } finally {
            server.stop();
        }
    }
}
