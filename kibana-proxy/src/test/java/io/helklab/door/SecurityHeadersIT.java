package io.helklab.door;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The door's own answers carry the browser protections; what Jupyter answers through the door keeps Jupyter's own
 * policy, and Jupyter's terminals are off and refused at the door.
 */
class SecurityHeadersIT {
    private static SharedDoor shared;

    @BeforeAll
    static void start() {
        shared = SharedDoor.get();
    }

    @Test
    void theDoorsOwnPagesAndApiCarryTheProtections() {
        for (String path : new String[] {"/", "/status", "/api/health", "/api/landing", "/no-such-page"}) {
            DoorClient.Response response = shared.client.get(path);
            assertThat(response.raw().headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValueSatisfying(policy -> assertThat(policy).contains("frame-ancestors 'none'"));
            assertThat(response.raw().headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(response.raw().headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(response.raw().headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
        }
    }

    @Test
    void jupyterAnswersWithItsOwnPolicyNotTheDoors() {
        DoorClient.Response tree = shared.client.get("/jupyter/tree");
        assertThat(tree.status()).isEqualTo(200);
        assertThat(tree.raw().headers().allValues("Content-Security-Policy"))
                .noneMatch(policy -> policy.equals(SecurityHeaders.CONTENT_SECURITY_POLICY));
        assertThat(tree.raw().headers().firstValue("X-Frame-Options")).isEmpty();
    }

    @Test
    void jupyterTerminalsAreOffInJupyterAndRefusedAtTheDoor() throws Exception {
        for (String path : new String[] {"/jupyter/api/terminals", "/jupyter/terminals/1", "/jupyter//api/terminals"}) {
            assertThat(shared.client.get(path).status()).as(path).isEqualTo(403);
        }
        assertThat(shared.client.post("/jupyter/api/terminals", "", "Content-Type", "application/json").status())
                .isEqualTo(403);

        // Jupyter itself, asked directly with its token, has no terminals either.
        URI jupyter = shared.children.jupyter().target().orElseThrow();
        String token = shared.children.jupyter().token().orElseThrow();
        HttpResponse<String> direct = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        jupyter.resolve("/jupyter/api/terminals")).header("Authorization", "token " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(direct.statusCode()).as(direct.body()).isEqualTo(404);
        HttpResponse<String> kernels = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                jupyter.resolve("/jupyter/api/kernelspecs")).header("Authorization", "token " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(kernels.statusCode()).as("the token works, so the 404 is about terminals").isEqualTo(200);
    }
}
