package io.helklab.door;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Headless Chromium opens Jupyter through the door, with no token, and the notebook list renders. */
class BrowserThroughDoorIT {
    private static SharedDoor shared;

    @TempDir
    Path profile;

    @BeforeAll
    static void start() {
        Prerequisites.require(Prerequisites.CHROMIUM, "sudo apt-get install chromium chromium-driver");
        shared = SharedDoor.get();
    }

    @Test
    void notebookListRendersInChromium() throws Exception {
        Path notebooks = shared.lab.config().layout().notebooks();
        try (InputStream in = getClass().getResourceAsStream("/notebooks/elasticsearch-query.ipynb")) {
            Files.copy(in, notebooks.resolve("browser-check.ipynb"), StandardCopyOption.REPLACE_EXISTING);
        }
        String url = "http://127.0.0.1:" + shared.door.port() + "/jupyter/";

        String dom = chromium(profile.resolve("dom"), "--dump-dom", url);
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots")).toAbsolutePath();
        Path screenshot = screenshots.resolve("jupyter-tree.png");
        Files.deleteIfExists(screenshot);
        chromium(profile.resolve("screenshot"), "--screenshot=" + screenshot, url);

        assertThat(dom).contains("id=\"notebook_list\"").contains("browser-check.ipynb");
        assertThat(dom).doesNotContain("Password or token");
        assertThat(screenshot).isNotEmptyFile();
    }

    private static String chromium(Path userDataDirectory, String mode, String url) throws Exception {
        List<String> command = new ArrayList<>(List.of(Prerequisites.CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + userDataDirectory,
                "--window-size=1280,900", "--virtual-time-budget=10000", mode, url));
        Path output = Files.createTempFile("chromium-", ".out");
        Path errors = Files.createTempFile("chromium-", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Chromium did not finish within two minutes: " + Files.readString(errors));
        }
        assertThat(process.exitValue()).as("Chromium failed: %s", Files.readString(errors)).isZero();
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
