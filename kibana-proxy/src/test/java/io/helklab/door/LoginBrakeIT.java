package io.helklab.door;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.Passwords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Password guessing against a door others can reach is slowed down per client address and logged. The door
 * listens on 0.0.0.0 because that is what makes it ask for a login; the test only sends to 127.0.0.1.
 */
class LoginBrakeIT {
    private static final String PASSWORD = Passwords.generate();
    private static FrontDoor door;
    private static DoorClient client;

    @BeforeAll
    static void start() {
        SharedDoor shared = SharedDoor.get();
        door = new FrontDoor("0.0.0.0", 0, shared.lab::health).withPassword(PASSWORD);
        door.start();
        client = new DoorClient("http://127.0.0.1:" + door.port());
    }

    @AfterAll
    static void stop() {
        if (door != null) {
            door.close();
        }
    }

    private static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("helk:" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void guessingIsLockedOutWithoutCheckingThePasswordAndLogged() throws Exception {
        for (int guess = 1; guess <= LoginBrake.FREE_FAILURES; guess++) {
            assertThat(client.get("/api/health", "Authorization", basic("guess" + guess)).status()).as("guess " + guess)
                    .isEqualTo(401);
        }
        DoorClient.Response locked = client.get("/api/health", "Authorization", basic("guess-more"));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.raw().headers().firstValue("Retry-After")).hasValue("1");
        assertThat(client.get("/api/health", "Authorization", basic(PASSWORD)).status())
                .as("while locked out, even the right password is not checked").isEqualTo(429);
        DoorClient.Response form = client.post("/login", "user=helk&password=" + PASSWORD + "&next=/",
                "Content-Type", "application/x-www-form-urlencoded", "Origin", "http://127.0.0.1:" + door.port());
        assertThat(form.status()).as("the login form is braked too").isEqualTo(429);

        Thread.sleep(LoginBrake.FIRST_LOCKOUT.toMillis() + 200);

        assertThat(client.get("/api/health", "Authorization", basic(PASSWORD)).status()).isEqualTo(200);
        assertThat(client.get("/api/health", "Authorization", basic("wrong-again")).status())
                .as("a success cleared the count").isEqualTo(401);
        assertThat(Files.readString(Path.of("target", "test.log")))
                .contains("Failed sign-in (HTTP Basic) from 127.0.0.1: " + LoginBrake.FREE_FAILURES + " in a row; "
                        + "its sign-ins are refused for 1 s");
    }
}
