package io.helklab.door.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.samples.AnswerFact;
import io.helklab.samples.SampleCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The hunt UI in headless Chromium against a real appliance holding the LSASS dumping scenario. */
class HuntBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    static Path profile;
    private static HuntFixture fixture;
    private static ChromeDriver driver;
    private static AnswerFact dumper;

    @BeforeAll
    static void start() {
        Browser.requireChromium();
        fixture = HuntFixture.get();
        dumper = SampleCatalog.find(HuntFixture.SCENARIO).answerKey().get(0);
        driver = Browser.start(profile);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
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

    /** Waits for the search status to settle after a submitted search and returns it. */
    private static WebElement settledSearch() {
        waiting().until(ExpectedConditions.attributeToBe(subject("searchStatus"), "data-state", "done"));
        return driver.findElement(subject("searchStatus"));
    }

    private static void search(String query) {
        WebElement input = waiting().until(ExpectedConditions.elementToBeClickable(subject("queryInput")));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(query);
        driver.findElement(subject("querySubmit")).click();
    }

    @Test
    void theHomeTabShowsTheAppliancesHealth() {
        open("#/home");
        WebElement overall = waiting().until(ExpectedConditions.visibilityOfElementLocated(subject("overallHealth")));
        assertThat(overall.getText()).startsWith("Overall:");
        assertThat(driver.findElement(By.tagName("table")).getText()).contains("elasticsearch", "kafka", "http");
        Browser.screenshot(driver, "home");
    }

    @Test
    void searchingACommandLineShowsItsEvents() {
        open("#/search");
        settledSearch();
        search("process_command_line:\"werfault.exe -accepteula -ma 14104\"");
        waiting().until(driver -> driver.getCurrentUrl().contains("q=process_command_line"));
        WebElement status = settledSearch();
        assertThat(Long.parseLong(status.getAttribute("data-total"))).isGreaterThanOrEqualTo(1);
        List<WebElement> rows = driver.findElements(subject("hitRow"));
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0).getText()).contains((String) dumper.match().get("process_command_line"));
        rows.get(0).findElement(subject("expandHit")).click();
        WebElement document = waiting().until(ExpectedConditions.visibilityOfElementLocated(subject("documentView")));
        assertThat(document.getText()).contains((String) dumper.match().get("process_guid"));
        Browser.screenshot(driver, "search-command-line");
    }

    @Test
    void aFieldValueFilterNarrowsTheTable() {
        open("#/search?q=event_id:10");
        long before = Long.parseLong(settledSearch().getAttribute("data-total"));
        driver.findElement(subject("fieldToggle-host_name")).click();
        WebElement filterFor = waiting().until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-test-subj^=\"filterFor-host_name-\"]")));
        String host = filterFor.getAttribute("aria-label").replace("Filter for host_name: ", "");
        filterFor.click();
        waiting().until(driver -> driver.getCurrentUrl().contains("filter=host_name"));
        long after = Long.parseLong(settledSearch().getAttribute("data-total"));
        assertThat(after).isPositive().isLessThan(before);
        assertThat(driver.findElements(subject("filterBadge"))).singleElement()
                .satisfies(badge -> assertThat(badge.getText()).contains("host_name:" + host));
        assertThat(driver.findElements(subject("hitRow"))).isNotEmpty()
                .allSatisfy(row -> assertThat(row.getText()).contains(host));
        Browser.screenshot(driver, "search-filtered");
    }

    @Test
    void theTimePickerNarrowsTheSearchToTheTypedRange() {
        open("#/search?q=event_id:10");
        long before = Long.parseLong(settledSearch().getAttribute("data-total"));
        driver.findElement(subject("timePicker")).click();
        WebElement start = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[aria-label=\"Start of the time range\"]")));
        start.sendKeys(Keys.chord(Keys.CONTROL, "a"), "2026-10-06T13:00:00Z");
        WebElement end = driver.findElement(By.cssSelector("[aria-label=\"End of the time range\"]"));
        end.sendKeys(Keys.chord(Keys.CONTROL, "a"), "2026-10-06T14:00:00Z");
        Browser.screenshot(driver, "search-time-picker");
        driver.findElement(subject("timeApply")).click();
        waiting().until(driver -> driver.getCurrentUrl().contains("from=2026-10-06T13"));
        long after = Long.parseLong(settledSearch().getAttribute("data-total"));
        assertThat(after).isPositive().isLessThan(before);
        assertThat(driver.findElement(subject("timePicker")).getText()).contains("2026-10-06 13:00:00", "2026-10-06 14:00:00");
        assertThat(driver.findElements(subject("hitRow"))).isNotEmpty()
                .allSatisfy(row -> assertThat(row.getText()).contains("2026-10-06 13:"));
    }

    @Test
    void draggingAcrossTheHistogramNarrowsTheTimeRange() {
        open("#/search?q=event_id:10");
        long before = Long.parseLong(settledSearch().getAttribute("data-total"));
        WebElement plot = driver.findElement(By.cssSelector("[data-test-subj=histogram] .u-over"));
        int width = plot.getSize().getWidth();
        new Actions(driver).moveToElement(plot, -width / 4, 0).clickAndHold().moveByOffset(width / 4, 0).release().perform();
        waiting().until(driver -> driver.getCurrentUrl().contains("from=2026-"));
        long after = Long.parseLong(settledSearch().getAttribute("data-total"));
        assertThat(after).isPositive().isLessThan(before);
        assertThat(driver.findElement(subject("timePicker")).getText()).contains("2026-10-06").doesNotContain("All time");
        Browser.screenshot(driver, "search-brushed");
    }

    @Test
    void aSyntaxErrorShowsTheParsersMessageNextToTheQueryBar() {
        open("#/search");
        settledSearch();
        search("process_name:(werfault.exe");
        waiting().until(ExpectedConditions.attributeToBe(subject("searchStatus"), "data-state", "error"));
        assertThat(driver.findElement(subject("queryError")).getText()).contains("Failed to parse query");
        WebElement underTheQueryBar = driver.findElement(subject("queryErrorText"));
        assertThat(underTheQueryBar.getText()).contains("Cannot parse 'process_name:(werfault.exe'");
        Browser.screenshot(driver, "search-syntax-error");
    }

    @Test
    void theProcessTreeOfTheHostShowsTheMaliciousChain() {
        open("#/tree?host=WKS02.helk.lab");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(subject("processTree")));
        WebElement find = driver.findElement(subject("treeFind"));
        find.sendKeys("werfault.exe -accepteula");
        waiting().until(driver -> driver.findElements(By.cssSelector("[data-test-subj=processNode][data-match=true]")).size() == 1);
        List<String> visible = driver.findElements(subject("processNode")).stream()
                .map(node -> node.getAttribute("data-name")).toList();
        assertThat(visible).containsSubsequence("explorer.exe", "cmd.exe", "werfault.exe");
        WebElement dumperNode = driver.findElement(By.cssSelector("[data-test-subj=processNode][data-match=true]"));
        assertThat(dumperNode.getAttribute("data-guid")).isEqualTo(dumper.match().get("process_guid"));
        assertThat(dumperNode.getText()).contains((String) dumper.match().get("process_command_line"), "bchen");
        dumperNode.click();
        WebElement activity = waiting().until(ExpectedConditions.visibilityOfElementLocated(subject("activityPanel")));
        waiting().until(driver -> !driver.findElements(By.cssSelector("[data-test-subj=activityRow][data-event-id='10']")).isEmpty());
        assertThat(activity.getText()).contains("lsass.exe", "wer5f1a.tmp.dmp");
        Browser.screenshot(driver, "process-tree");
    }

    @Test
    void aChallengeAcceptsTheRightAnswerAndRejectsAWrongOne() {
        open("#/challenges");
        String id = HuntFixture.SCENARIO + "-process-guid";
        WebElement input = waiting().until(ExpectedConditions.visibilityOfElementLocated(subject("answerInput-" + id)));
        input.sendKeys("c4d0719b-0000-0000-0000-000000000000");
        driver.findElement(subject("answerSubmit-" + id)).click();
        waiting().until(ExpectedConditions.attributeToBe(subject("verdict-" + id), "data-correct", "false"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys("{" + dumper.match().get("process_guid") + "}");
        driver.findElement(subject("answerSubmit-" + id)).click();
        waiting().until(ExpectedConditions.attributeToBe(subject("verdict-" + id), "data-correct", "true"));
        assertThat(driver.findElement(subject("verdict-" + id)).getText()).isEqualTo("Correct");
        Browser.screenshot(driver, "challenge");
    }
}
