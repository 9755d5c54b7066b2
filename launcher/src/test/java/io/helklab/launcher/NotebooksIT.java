package io.helklab.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The bundled notebooks against a real appliance: the shaded jar started as a user starts it, with every
 * sample scenario loaded, Jupyter behind the door and the in-JVM kernel. Each notebook runs top to bottom
 * through the door (REST API and kernel WebSocket, as the notebook page runs it) by
 * {@code run_notebooks_through_door.py} under Debian's python3; headless Chromium then runs a {@code %%sql}
 * cell in the notebook page. One appliance serves both tests: starting it and loading 107k events is the
 * expensive part.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotebooksIT {
    private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));
    private static final Path JUPYTER = Path.of("/usr/bin/jupyter-notebook");
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<String> BUNDLED = List.of("00-getting-started.ipynb", "01-spark-sql-hunting-basics.ipynb",
            "02-process-lineage-with-motifs.ipynb", "03-machine-learning-hunting.ipynb",
            "04-write-and-test-a-sigma-rule.ipynb", "10-encoded-powershell-cradle.ipynb",
            "11-lsass-credential-dumping.ipynb", "12-mshta-rundll32-proxy.ipynb", "13-periodic-beaconing.ipynb",
            "14-psexec-lateral-movement.ipynb", "15-remote-thread-injection.ipynb", "16-run-key-persistence.ipynb",
            "17-scheduled-task-persistence.ipynb", "18-wmi-event-subscription.ipynb", "python-hunting-with-pandas.ipynb",
            "python-machine-learning-with-sklearn.ipynb");

    private static Path work;
    private static Path home;
    private static JarProcess jar;
    private static String door;

    @BeforeAll
    static void startApplianceWithSamples() throws Exception {
        require(JUPYTER, "sudo apt-get install jupyter-notebook python3-ipykernel python3-pandas python3-matplotlib python3-elasticsearch python3-sklearn");
        require(PYTHON, "sudo apt-get install python3");
        work = Files.createTempDirectory("helk-lab-notebooks-it-");
        home = work.resolve("home");
        jar = JarProcess.start(JarProcess.currentJava(), work, "--home", home.toString(), "--http-port", "0",
                "--es-port", "0", "--kafka-port", "0", "--zk-port", "0", "--spark-connect-port", "0", "--samples", "all");
        door = jar.awaitReady(home, Duration.ofMinutes(5)).path("http").asText();
        // The whole workload (every sample, the streams, every notebook) runs within the appliance's default heap.
        assertThat(jar.process().children().map(child -> child.info().arguments().map(List::of).orElse(List.of())))
                .as("the relaunched appliance JVM").singleElement().asList().contains("-Xmx" + ApplianceHeap.DEFAULT);
        awaitConsole("events searchable", Duration.ofMinutes(20));
        awaitConsole("jupyter", Duration.ofMinutes(2));
    }

    @AfterAll
    static void stop() throws Exception {
        if (jar != null) {
            jar.process().destroy();
            jar.awaitExit(Duration.ofSeconds(60));
            jar.close();
        }
    }

    @Test
    @Order(1)
    void everyBundledNotebookRunsTopToBottomThroughTheDoor() throws Exception {
        Path notebooks = home.resolve("notebooks");
        for (String name : BUNDLED) {
            assertThat(notebooks.resolve(name)).as("seeded from the jar into the workspace").isRegularFile();
        }
        Path executed = Files.createDirectories(Path.of("target", "executed-notebooks").toAbsolutePath());
        Path runner = work.resolve("run_notebooks_through_door.py");
        try (InputStream script = getClass().getResourceAsStream("/run_notebooks_through_door.py")) {
            Files.copy(script, runner, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), runner.toString(), "--door", door,
                "--output-directory", executed.toString()));
        BUNDLED.forEach(name -> command.add(notebooks.resolve(name).toString()));
        Path log = work.resolve("runner.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(40, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("the notebooks did not finish within 40 minutes:\n" + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> reports = output.lines().filter(line -> line.startsWith("{")).map(line -> {
            try {
                return json.readTree(line);
            } catch (IOException notJson) {
                throw new AssertionError("runner printed a line that is not JSON: " + line, notJson);
            }
        }).toList();
        assertThat(reports).as(output).hasSize(BUNDLED.size());
        assertThat(reports).as(output).allSatisfy(report -> assertThat(report.path("status").asText())
                .as("%s", report).isEqualTo("ok"));
        assertThat(process.exitValue()).as(output).isZero();

        for (String name : BUNDLED.stream().filter(name -> name.matches("1\\d-.*")).toList()) {
            String lastOutput = lastCellText(json.readTree(executed.resolve(name).toFile()));
            assertThat(lastOutput).as("the check cell of %s", name).contains("PASS").doesNotContain("FAIL")
                    .contains("your finding");
        }
        String gettingStarted = Files.readString(executed.resolve("00-getting-started.ipynb"));
        assertThat(gettingStarted).as("charts render as inline SVG for Notebook 6").contains("<svg class=\\\"helk-lab-chart\\\"");
    }

    @Test
    @Order(2)
    void chromiumRunsASqlCellInTheNotebookPage() throws Exception {
        require(CHROMIUM, "sudo apt-get install chromium chromium-driver");
        require(CHROMEDRIVER, "sudo apt-get install chromium-driver");
        Path notebook = home.resolve("notebooks").resolve("browser-sql.ipynb");
        Files.writeString(notebook, """
                {"cells": [{"cell_type": "code", "execution_count": null, "id": "sql-cell", "metadata": {}, "outputs": [],
                  "source": ["%%sql\\n", "SELECT process_name, count(*) AS creations FROM sysmon WHERE event_id = 1 GROUP BY process_name ORDER BY creations DESC LIMIT 5"]}],
                 "metadata": {"kernelspec": {"name": "helk-lab", "display_name": "HELK lab (Java + Spark SQL)", "language": "java"}},
                 "nbformat": 4, "nbformat_minor": 5}
                """);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createTempDirectory(work, "chromium-profile-"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            browser.get(door + "jupyter/notebooks/browser-sql.ipynb");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofMinutes(3));
            wait.until(page -> Boolean.TRUE.equals(browser.executeScript(
                    "return !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected());")));
            browser.executeScript("Jupyter.notebook.select(0); Jupyter.notebook.execute_cell();");
            WebElement table = new WebDriverWait(browser, Duration.ofMinutes(5))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".output_html table.helk-lab-table")));
            Path screenshots = Files.createDirectories(Path.of("target", "screenshots").toAbsolutePath());
            Path screenshot = screenshots.resolve("notebook-sql-cell.png");
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);

            assertThat(table.findElements(By.cssSelector("thead th"))).extracting(WebElement::getText)
                    .containsExactly("process_name", "creations");
            assertThat(table.findElements(By.cssSelector("tbody tr"))).hasSize(5);
            assertThat(screenshot).isNotEmptyFile();
        } finally {
            browser.quit();
        }
    }

    private static String lastCellText(JsonNode notebook) {
        JsonNode cells = notebook.path("cells");
        StringBuilder text = new StringBuilder();
        for (JsonNode output : cells.get(cells.size() - 1).path("outputs")) {
            text.append(output.path("data").path("text/plain").asText()).append(output.path("text").asText());
        }
        return text.toString();
    }

    private static void awaitConsole(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!jar.stdout().contains(text)) {
            if (System.nanoTime() > deadline) {
                fail("the appliance did not print '" + text + "' within " + timeout + "\n" + jar.output());
            }
            if (!jar.process().isAlive()) {
                fail("the appliance exited\n" + jar.output());
            }
            Thread.sleep(1000);
        }
    }

    private static void require(Path program, String install) {
        if (Files.isExecutable(program)) {
            return;
        }
        String message = program + " is missing; install it with: " + install;
        if (CI) {
            fail(message);
        }
        Assumptions.abort(message);
    }
}
