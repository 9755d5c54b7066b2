package io.helklab.door.hunt;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven through its own chromedriver, with a fresh profile per session.
 * Without Chromium the browser tests are skipped, except when {@code CI=true}, where that is a failure.
 */
final class Browser {
    static final File CHROMIUM = new File(System.getProperty("hunt.chromium", "/usr/bin/chromium"));
    static final File CHROMEDRIVER = new File(System.getProperty("hunt.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browser() {}

    static void requireChromium() {
        boolean present = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but Chromium (" + CHROMIUM + ") or chromedriver (" + CHROMEDRIVER + ") is missing: install "
                    + "Debian's chromium and chromium-driver, or point -Dhunt.chromium/-Dhunt.chromedriver at them");
        }
        Assumptions.assumeTrue(present, "Chromium or chromedriver not installed at " + CHROMIUM + " / " + CHROMEDRIVER);
    }

    static ChromeDriver start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1600,1100", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    static void screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException failure) {
            throw new IllegalStateException("could not keep the screenshot " + name, failure);
        }
    }
}
