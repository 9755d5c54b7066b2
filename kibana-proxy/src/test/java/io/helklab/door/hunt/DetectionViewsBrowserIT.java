package io.helklab.door.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helklab.door.FrontDoor;
import io.helklab.samples.SampleCatalog;
import io.helklab.schema.IndexNames;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Alerts, Rules and ATT&CK coverage views in headless Chromium against a real appliance holding the LSASS
 * dumping scenario. The alerts are real documents in {@code alerts-*}, made from the scenario's own LSASS reads
 * (rule, technique and the event's index, id, host and process), as the detection engine writes them. The rules
 * are the detection service's own: the built-in pack, the fixture's unsupported rule and its IOC list.
 */
class DetectionViewsBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    static final String RULE_ID = "hunt-ui-test-lsass-read";
    static final String RULE_TITLE = "Browser test: LSASS read by a process in a user folder";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path profile;
    private static HuntFixture fixture;
    private static ChromeDriver driver;
    private static List<JsonNode> alerts;

    @BeforeAll
    static void start() throws Exception {
        Browser.requireChromium();
        fixture = HuntFixture.get();
        alerts = indexAlertsOnTheLsassReads(fixture);
        driver = Browser.start(profile);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    /**
     * One alert per LSASS read of the scenario's dumper, written to {@code alerts-<day>} with an id of this test's
     * own; waits until the hunt API lists them (its field catalogue is cached for a few seconds).
     */
    static List<JsonNode> indexAlertsOnTheLsassReads(HuntFixture fixture) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String search = fixture.lab.elasticsearchUrl() + "/" + IndexNames.channelPattern("sysmon") + "/_search?size=20&q="
                + URLEncoder.encode("event_id:10 AND process_name:werfault.exe", StandardCharsets.UTF_8);
        JsonNode hits = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(search)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("hits").path("hits");
        assertThat(hits).as("the scenario's LSASS reads").isNotEmpty();
        List<JsonNode> written = new ArrayList<>();
        int number = 0;
        for (JsonNode hit : hits) {
            JsonNode event = hit.path("_source");
            ObjectNode alert = JSON.createObjectNode();
            alert.put("rule_id", RULE_ID).put("rule_title", RULE_TITLE).put("rule_level", "high").put("rule_status", "test")
                    .put("rule_author", "HELK lab tests").put("rule_file", "hunt-ui-test.yml")
                    .put("event_doc_index", hit.path("_index").asText()).put("event_doc_id", hit.path("_id").asText())
                    .put("detected_at", Instant.now().toString());
            alert.putArray("rule_tags").add("attack.credential_access").add("attack.t1003.001");
            alert.putArray("attack_technique_ids").add("T1003.001");
            alert.putArray("attack_tactics").add("credential_access");
            for (String field : List.of("@timestamp", "event_id", "host_name", "user_name", "process_name", "process_guid",
                    "process_path", "process_command_line", "target_process_path")) {
                if (event.has(field)) {
                    alert.set(field, event.get(field));
                }
            }
            String index = IndexNames.ALERTS_PREFIX + DAY.format(Instant.parse(event.path("@timestamp").asText()));
            String id = "hunt-ui-test-" + (++number);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(fixture.lab.elasticsearchUrl() + "/"
                            + index + "/_doc/" + id + "?refresh=true")).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(alert.toString())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 201);
            written.add(alert.put("_id", id));
        }
        String listed = fixture.url() + "api/hunt/alerts?state=all&filter=" + URLEncoder.encode("rule_id:" + RULE_ID,
                StandardCharsets.UTF_8);
        Instant deadline = Instant.now().plusSeconds(30);
        while (HuntFixture.get(listed).body().path("total").asLong() < written.size()) {
            assertThat(Instant.now()).as("the alerts API lists the test's alerts").isBefore(deadline);
            Thread.sleep(250);
        }
        return written;
    }

    private static By subject(String name) {
        return By.cssSelector("[data-test-subj=\"" + name + "\"]");
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    private static long settledAlerts() {
        waiting().until(ExpectedConditions.attributeToBe(subject("alertsStatus"), "data-state", "done"));
        return Long.parseLong(driver.findElement(subject("alertsStatus")).getAttribute("data-total"));
    }

    private static String testAlerts(String state) {
        return "#/alerts?state=" + state + "&filter=" + URLEncoder.encode("rule_id:" + RULE_ID, StandardCharsets.UTF_8);
    }

    @Test
    void anAlertLinksToItsProcessTreeAndItsEvent() {
        driver.get(fixture.url() + testAlerts("all") + "&group=technique");
        assertThat(settledAlerts()).isEqualTo(alerts.size());
        assertThat(driver.findElements(subject("alertGroupRow"))).singleElement()
                .satisfies(row -> assertThat(row.getText()).contains("T1003.001", "LSASS Memory"));
        Browser.screenshot(driver, "alerts-grouped-by-technique");
        JsonNode first = alerts.get(0);
        WebElement row = driver.findElement(By.cssSelector("[data-test-subj=alertRow][data-alert-id='" + first.path("_id").asText() + "']"));
        assertThat(row.getText()).contains(RULE_TITLE, "wks02.helk.lab", "werfault.exe");
        row.findElement(subject("alertTreeLink")).click();
        String guid = first.path("process_guid").asText();
        WebElement node = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-test-subj=processNode][data-guid='" + guid + "']")));
        assertThat(driver.getCurrentUrl()).contains("#/tree?", "host=wks02.helk.lab");
        assertThat(node.getAttribute("class")).contains("selected");
        assertThat(node.getAttribute("data-name")).isEqualTo("werfault.exe");
        Browser.screenshot(driver, "alert-process-tree");

        driver.navigate().back();
        settledAlerts();
        driver.findElement(By.cssSelector("[data-alert-id='" + first.path("_id").asText() + "'] [data-test-subj=alertEventLink]")).click();
        waiting().until(ExpectedConditions.attributeToBe(subject("searchStatus"), "data-state", "done"));
        assertThat(driver.findElement(subject("searchStatus")).getAttribute("data-total")).isEqualTo("1");
        driver.findElement(subject("expandHit")).click();
        assertThat(waiting().until(ExpectedConditions.visibilityOfElementLocated(subject("documentView"))).getText())
                .contains(first.path("event_doc_id").asText(), first.path("event_doc_index").asText());
        Browser.screenshot(driver, "alert-event-in-search");
    }

    @Test
    void acknowledgedAndClosedStatesSurviveAReload() {
        String acknowledged = alerts.get(0).path("_id").asText();
        String closed = alerts.get(alerts.size() - 1).path("_id").asText();
        assertThat(acknowledged).isNotEqualTo(closed);
        driver.get(fixture.url() + testAlerts("all"));
        settledAlerts();
        driver.findElement(subject("alertAcknowledge-" + acknowledged)).click();
        waiting().until(ExpectedConditions.attributeToBe(By.cssSelector("[data-alert-id='" + acknowledged + "']"), "data-state",
                "acknowledged"));
        driver.findElement(subject("alertClose-" + closed)).click();
        waiting().until(ExpectedConditions.attributeToBe(By.cssSelector("[data-alert-id='" + closed + "']"), "data-state", "closed"));

        driver.navigate().refresh();
        settledAlerts();
        assertThat(driver.findElement(By.cssSelector("[data-alert-id='" + acknowledged + "']")).getAttribute("data-state"))
                .isEqualTo("acknowledged");
        assertThat(driver.findElement(By.cssSelector("[data-alert-id='" + closed + "']")).getAttribute("data-state"))
                .isEqualTo("closed");
        Browser.screenshot(driver, "alerts-states-after-reload");

        driver.get(fixture.url() + testAlerts("closed"));
        assertThat(settledAlerts()).isEqualTo(1);
        assertThat(driver.findElement(subject("alertRow")).getAttribute("data-alert-id")).isEqualTo(closed);
        driver.get(fixture.url() + testAlerts("open"));
        assertThat(settledAlerts()).isEqualTo(alerts.size() - 2);
        assertThat(driver.findElements(subject("alertRow"))).extracting(element -> element.getAttribute("data-alert-id"))
                .doesNotContain(acknowledged, closed);

        driver.get(fixture.url() + testAlerts("all"));
        settledAlerts();
        driver.findElement(subject("alertReopen-" + acknowledged)).click();
        driver.findElement(subject("alertReopen-" + closed)).click();
        waiting().until(driver -> driver.findElements(By.cssSelector("[data-test-subj=alertRow][data-state=open]")).size() == alerts.size());
    }

    @Test
    void theAttackMatrixMarksATechniqueWithAlertsAndOpensThem() {
        driver.get(fixture.url() + "#/coverage");
        WebElement cell = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-test-subj=techniqueCell][data-technique='T1003.001']")));
        assertThat(Long.parseLong(cell.getAttribute("data-alerts"))).isGreaterThanOrEqualTo(alerts.size());
        assertThat(cell.getAttribute("class")).contains("alerted");
        assertThat(cell.getText()).contains("LSASS Memory");
        WebElement column = cell.findElement(By.xpath("ancestor::*[@data-tactic][1]"));
        assertThat(column.getAttribute("data-tactic")).isEqualTo("credential-access");
        WebElement quiet = driver.findElement(By.cssSelector("[data-test-subj=techniqueCell][data-technique='T1029']"));
        assertThat(quiet.getAttribute("data-alerts")).isEqualTo("0");
        Browser.screenshot(driver, "attack-coverage");

        cell.findElement(subject("techniqueAlerts")).click();
        waiting().until(driver -> driver.getCurrentUrl().contains("#/alerts"));
        assertThat(settledAlerts()).isGreaterThanOrEqualTo(alerts.size());
        assertThat(driver.findElements(subject("filterBadge"))).singleElement()
                .satisfies(badge -> assertThat(badge.getText()).isEqualTo("attack_technique_ids:T1003.001"));
    }

    @Test
    void theGlobalDashboardShowsAlertPanelsThatOpenTheAlertsView() {
        driver.get(fixture.url() + "#/dashboards?id=global");
        waiting().until(ExpectedConditions.attributeToBe(subject("dashboardStatus"), "data-state", "done"));
        WebElement rules = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-panel=alert-rules]")));
        assertThat(rules.getAttribute("data-error")).isEqualTo("false");
        assertThat(rules.getText()).contains(RULE_TITLE);
        assertThat(driver.findElement(By.cssSelector("[data-panel=alerts]")).getAttribute("data-rows")).isNotEqualTo("0");
        driver.executeScript("arguments[0].scrollIntoView()", rules);
        Browser.screenshot(driver, "dashboard-global-alerts");
        rules.findElements(subject("panelValue-rule_title")).stream().filter(value -> value.getText().replace("\n", "")
                .equals(RULE_TITLE)).findFirst().orElseThrow().click();
        waiting().until(driver -> driver.getCurrentUrl().contains("#/alerts"));
        assertThat(settledAlerts()).isEqualTo(alerts.size());
    }

    @Test
    void withoutTheRulesApiTheRulesViewSaysDetectionsAreNotEnabled() {
        // A door with the hunt UI and API only: /api/rules is not there, as in a build without the detection engine.
        FrontDoor bare = new FrontDoor("127.0.0.1", 0, fixture.lab::health);
        HuntRoutes.create(fixture.lab.elasticsearchUrl(), SampleCatalog.builtIn(), Clock.systemUTC(), null).install(bare, "/");
        bare.start();
        try {
            assertThat(HuntFixture.get(bare.url() + "api/rules").status()).isEqualTo(404);
            driver.get(bare.url() + "#/rules");
            WebElement message = waiting().until(ExpectedConditions.visibilityOfElementLocated(subject("detectionsNotEnabled")));
            assertThat(message.getText()).contains("Detections are not enabled in this build");
            assertThat(driver.findElement(subject("backTestRun")).isEnabled()).isFalse();
            Browser.screenshot(driver, "rules-not-enabled");
            driver.get(bare.url() + "#/coverage");
            waiting().until(ExpectedConditions.visibilityOfElementLocated(subject("attackMatrix")));
            assertThat(driver.findElement(subject("detectionsNotEnabled")).getText()).contains("alerts only");
        } finally {
            bare.close();
        }
    }

    @Test
    void theRulesViewShowsAnUnsupportedRulesReason() {
        driver.get(fixture.url() + "#/rules?status=unsupported");
        WebElement row = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "[data-test-subj=ruleRow][data-status=unsupported][data-rule-id='" + HuntFixture.UNSUPPORTED_RULE_ID + "']")));
        assertThat(row.findElement(subject("ruleReason")).getText()).contains("file_access");
        assertThat(row.findElement(subject("ruleFile")).getText())
                .endsWith(HuntFixture.UNSUPPORTED_RULE_FILE + ":" + HuntFixture.UNSUPPORTED_RULE_LINE);
        assertThat(driver.findElements(By.cssSelector("[data-test-subj=ruleRow]"))).as("the status filter")
                .allSatisfy(shown -> assertThat(shown.getAttribute("data-status")).isEqualTo("unsupported"));
        assertThat(Long.parseLong(driver.findElement(subject("ruleCount-active")).getText().replaceAll("\\D", ""))).isPositive();
        Browser.screenshot(driver, "rules-unsupported");
    }

    @Test
    void theRulesViewShowsLogsourcesAndTheIocListAsARule() {
        driver.get(fixture.url() + "#/rules?text=" + URLEncoder.encode("lsass", StandardCharsets.UTF_8));
        WebElement dump = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//*[@data-test-subj='ruleRow'][.//*[@data-test-subj='ruleFile'][contains(., 'proc_access_lsass_dump_rights.yml:')]]")));
        assertThat(dump.findElement(subject("ruleLogsource")).getText()).isEqualTo("windows/process_access");
        assertThat(dump.findElement(subject("ruleFile")).getText()).matches(".*proc_access_lsass_dump_rights\\.yml:\\d+");
        assertThat(dump.findElement(subject("ruleHits")).getText()).isEqualTo("2");
        dump.findElement(subject("ruleHits")).click();
        waiting().until(driver -> driver.getCurrentUrl().contains("#/alerts"));
        assertThat(settledAlerts()).as("the engine's own alerts of the rule").isEqualTo(2);
        assertThat(driver.findElements(subject("alertRow"))).hasSize(2).allSatisfy(alert -> {
            assertThat(alert.getText()).contains("wks02.helk.lab", "werfault.exe", "T1003.001");
            assertThat(alert.findElements(subject("alertTreeLink"))).hasSize(1);
            assertThat(alert.findElements(subject("alertEventLink"))).hasSize(1);
        });
        Browser.screenshot(driver, "rules-hits-open-the-engines-alerts");

        driver.get(fixture.url() + "#/rules?text=" + URLEncoder.encode("ioc:", StandardCharsets.UTF_8));
        WebElement ioc = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "[data-test-subj=ruleRow][data-rule-id='ioc:" + HuntFixture.IOC_FILE + "']")));
        assertThat(ioc.getAttribute("data-status")).isEqualTo("active");
        assertThat(ioc.getText()).contains("IOC list " + HuntFixture.IOC_FILE, "1 indicators");
        assertThat(ioc.findElement(subject("ruleLogsource")).getText()).isEqualTo("IOC list: every event");
        assertThat(ioc.findElement(subject("ruleFile")).getText()).isEqualTo(HuntFixture.IOC_FILE);
        Browser.screenshot(driver, "rules-ioc-list");
    }

    @Test
    void aBackTestFindsTheLsassReadsAndLinksToTheEvent() {
        driver.get(fixture.url() + "#/rules");
        WebElement yaml = waiting().until(ExpectedConditions.visibilityOfElementLocated(subject("backTestYaml")));
        yaml.sendKeys("""
                title: LSASS read with full access
                logsource: {category: process_access, product: windows}
                detection:
                    selection:
                        TargetImage|endswith: '\\lsass.exe'
                        GrantedAccess: '0x1FFFFF'
                    condition: selection
                level: high
                """);
        driver.findElement(subject("backTestRun")).click();
        WebElement result = waiting().until(ExpectedConditions.visibilityOfElementLocated(subject("backTestResult")));
        assertThat(Long.parseLong(result.getAttribute("data-matched"))).isPositive();
        assertThat(driver.findElements(subject("backTestMatch"))).isNotEmpty()
                .allSatisfy(match -> assertThat(match.getText()).contains("wks02.helk.lab"));
        Browser.screenshot(driver, "rules-back-test");
        driver.findElements(subject("backTestEventLink")).get(0).click();
        waiting().until(ExpectedConditions.attributeToBe(subject("searchStatus"), "data-state", "done"));
        assertThat(driver.findElement(subject("searchStatus")).getAttribute("data-total")).isEqualTo("1");
    }
}
