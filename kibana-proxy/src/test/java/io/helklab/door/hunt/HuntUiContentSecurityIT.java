package io.helklab.door.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The hunt UI, as Vite builds it, works under the door's content security policy: Chromium reports no
 * violation while it renders the histogram, the hits and a process tree.
 */
class HuntUiContentSecurityIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    static Path profile;
    private static HuntFixture fixture;
    private static ChromeDriver driver;

    @BeforeAll
    static void start() {
        Browser.requireChromium();
        fixture = HuntFixture.get();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Browser.CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1600,1100");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Browser.CHROMEDRIVER)
                .usingAnyFreePort().build(), options);
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

    @Test
    void theUiIsServedWithThePolicy() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fixture.url())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("<div id=\"root\">");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe"));
    }

    @Test
    void searchingAndAProcessTreeRaiseNoPolicyViolation() {
        WebDriverWait waiting = new WebDriverWait(driver, WAIT);
        driver.get(fixture.url() + "#/search?q=event_id:10");
        waiting.until(ExpectedConditions.attributeToBe(subject("searchStatus"), "data-state", "done"));
        assertThat(driver.findElements(subject("hitRow"))).isNotEmpty();
        driver.findElement(subject("hitRow")).findElement(subject("expandHit")).click();
        waiting.until(ExpectedConditions.visibilityOfElementLocated(subject("documentView")));
        driver.get(fixture.url() + "#/tree?host=WKS02.helk.lab");
        waiting.until(ExpectedConditions.visibilityOfElementLocated(subject("processTree")));
        driver.findElement(subject("processNode")).click();
        waiting.until(ExpectedConditions.visibilityOfElementLocated(subject("activityPanel")));
        driver.get(fixture.url() + "#/home");
        waiting.until(ExpectedConditions.visibilityOfElementLocated(subject("overallHealth")));

        List<String> violations = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy") || message.contains("Refused to"))
                .toList();
        assertThat(violations).isEmpty();
    }
}
