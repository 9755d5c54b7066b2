package io.helklab.door.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static io.helklab.door.process.ProcessStates.eventually;
import static io.helklab.door.process.ProcessStates.running;

import io.helklab.config.HomeLayout;
import io.helklab.door.Prerequisites;
import io.helklab.service.ServiceStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's Jupyter under supervision: a killed Jupyter comes back, a closed one leaves no process. */
class JupyterSupervisionIT {
    @TempDir
    Path home;

    @BeforeEach
    void requireJupyter() {
        Prerequisites.requireJupyter();
    }

    @Test
    void aKilledJupyterIsBackWithinSecondsAndHealthSaysSo() throws Exception {
        try (Jupyter jupyter = Jupyter.create(settings())) {
            jupyter.start();
            assertThat(jupyter.health().status()).isEqualTo(ServiceStatus.UP);
            long first = jupyter.supervisor().pid().orElseThrow();

            ProcessHandle.of(first).orElseThrow().destroyForcibly();

            assertThat(eventually(() -> jupyter.health().status() != ServiceStatus.UP, Duration.ofSeconds(10))).isTrue();
            assertThat(eventually(() -> jupyter.health().status() == ServiceStatus.UP, Duration.ofSeconds(60))).isTrue();
            assertThat(jupyter.supervisor().pid()).isPresent().get().isNotEqualTo(first);
            assertThat(jupyter.health().details()).containsEntry("restarts", 1);
            assertThat(get(jupyter, "/jupyter/api/status").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void closeLeavesNoJupyterOrKernelProcess() throws Exception {
        Jupyter jupyter = Jupyter.create(settings());
        List<ProcessHandle> tree;
        try {
            jupyter.start();
            HttpResponse<String> kernel = send(jupyter, HttpRequest.newBuilder(uri(jupyter, "/jupyter/api/kernels"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"python3\"}")));
            assertThat(kernel.statusCode()).as(kernel.body()).isEqualTo(201);
            long jupyterPid = jupyter.supervisor().pid().orElseThrow();
            assertThat(eventually(() -> ProcessHandle.of(jupyterPid).orElseThrow().descendants().findAny().isPresent(),
                    Duration.ofSeconds(30))).as("the kernel process appears").isTrue();
            tree = new java.util.ArrayList<>(ProcessHandle.of(jupyterPid).orElseThrow().descendants().toList());
            tree.add(ProcessHandle.of(jupyterPid).orElseThrow());
        } finally {
            jupyter.close();
        }

        for (ProcessHandle process : tree) {
            assertThat(eventually(() -> !running(process.pid()), Duration.ofSeconds(5)))
                    .as("process %d (%s) outlived close()", process.pid(), process.info().command().orElse("?")).isTrue();
        }
        assertThat(jupyter.health().status()).isEqualTo(ServiceStatus.DOWN);
    }

    private JupyterSettings settings() {
        return JupyterSettings.defaults(new HomeLayout(home), "http://127.0.0.1:9", null).withCommand(Prerequisites.JUPYTER);
    }

    private static URI uri(Jupyter jupyter, String path) {
        return URI.create(jupyter.target().orElseThrow() + path);
    }

    private static HttpResponse<String> get(Jupyter jupyter, String path) throws Exception {
        return send(jupyter, HttpRequest.newBuilder(uri(jupyter, path)).GET());
    }

    private static HttpResponse<String> send(Jupyter jupyter, HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.header("Authorization", "token " + jupyter.token().orElseThrow())
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
