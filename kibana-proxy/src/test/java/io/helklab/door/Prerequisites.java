package io.helklab.door;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs the integration tests need from the machine. Locally a missing one skips the test; in
 * CI ({@code CI=true}), where they are installed on purpose, it fails it.
 */
public final class Prerequisites {
    public static final Path JUPYTER = Path.of("/usr/bin/jupyter-notebook");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private Prerequisites() {}

    static void require(Path program, String install) {
        if (Files.isExecutable(program)) {
            return;
        }
        String message = program + " is missing; install it with: " + install;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    public static void requireJupyter() {
        require(JUPYTER, "sudo apt-get install jupyter-notebook python3-ipykernel python3-elasticsearch");
    }
}
