package io.helklab.door;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.Passwords;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A door bound to every interface requires a login before it serves or forwards anything. The
 * door listens on 0.0.0.0 because that is what makes it require a login; the test only sends to
 * 127.0.0.1, and the door has a freshly generated password while it runs.
 */
class RemoteLoginIT {
    private static final String PASSWORD = Passwords.generate();
    private static FrontDoor door;
    private static DoorClient client;

    @BeforeAll
    static void start() {
        SharedDoor shared = SharedDoor.get();
        door = new FrontDoor("0.0.0.0", 0, shared.lab::health).withPassword(PASSWORD);
        shared.children.mount(door);
        door.start();
        client = new DoorClient("http://127.0.0.1:" + door.port());
    }

    @AfterAll
    static void stop() {
        if (door != null) {
            door.close();
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutCredentialsEverythingButTheLoginPageIs401() {
        assertThat(door.requiresLogin()).isTrue();
        for (String path : new String[] {"/", "/api/health", "/jupyter/api/kernelspecs", "/kibana/"}) {
            DoorClient.Response response = client.get(path);
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.raw().headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Basic"));
            assertThat(response.body()).as(path).contains("Sign in").doesNotContain("python3");
        }
        DoorClient.Response browser = client.get("/jupyter/", "Accept", "text/html");
        assertThat(browser.status()).isEqualTo(401);
        assertThat(browser.raw().headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(browser.body()).contains("<form method=\"post\" action=\"/login\">").contains("value=\"/jupyter/\"");
        assertThat(client.get("/login").status()).isEqualTo(200);
    }

    @Test
    void wrongCredentialsAre401() {
        assertThat(client.get("/jupyter/api/kernelspecs", "Authorization", basic("helk", PASSWORD + "x")).status()).isEqualTo(401);
        assertThat(client.get("/jupyter/api/kernelspecs", "Authorization", basic("admin", PASSWORD)).status()).isEqualTo(401);
    }

    @Test
    void basicCredentialsAreProxiedToJupyter() {
        DoorClient.Response response = client.get("/jupyter/api/kernelspecs", "Authorization", basic("helk", PASSWORD));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("kernelspecs").has("python3")).isTrue();
        assertThat(client.get("/api/health", "Authorization", basic("helk", PASSWORD)).json().path("services")
                .path("jupyter").path("status").asText()).isEqualTo("up");
    }

    @Test
    void theLoginFormGivesASessionCookieThatWorksForWebSocketsToo() throws Exception {
        DoorClient.Response login = client.post("/login",
                "user=helk&password=" + java.net.URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&next=%2Fjupyter%2F",
                "Content-Type", "application/x-www-form-urlencoded", "Origin", "http://127.0.0.1:" + door.port());
        assertThat(login.status()).as(login.body()).isEqualTo(303);
        assertThat(login.raw().headers().firstValue("Location")).hasValue("/jupyter/");
        String cookie = login.raw().headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
        String session = cookie.substring(0, cookie.indexOf(';'));

        DoorClient.Response created = client.post("/jupyter/api/kernels", "{\"name\":\"python3\"}",
                "Cookie", session, "Content-Type", "application/json");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String kernel = created.json().path("id").asText();
        URI channels = URI.create("ws://127.0.0.1:" + door.port() + "/jupyter/api/kernels/" + kernel + "/channels");
        try (KernelChannel channel = KernelChannel.open(client.httpClient(), channels, "Cookie", session,
                "Origin", "http://127.0.0.1:" + door.port())) {
            assertThat(channel.execute("print('through the login')", Duration.ofSeconds(60)).output()).contains("through the login");
        } finally {
            client.send(client.request("/jupyter/api/kernels/" + kernel, "Cookie", session).DELETE());
        }
    }

    @Test
    void aCrossOriginStateChangeIsRefusedEvenWithCredentials() {
        DoorClient.Response response = client.send(client.request("/jupyter/api/kernels",
                        "Authorization", basic("helk", PASSWORD), "Origin", "http://evil.example", "Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"python3\"}")));

        assertThat(response.status()).isEqualTo(403);
    }
}
