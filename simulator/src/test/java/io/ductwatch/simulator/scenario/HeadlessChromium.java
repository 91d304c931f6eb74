package io.ductwatch.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's chromium through its chromedriver, headless, for the report tests: opened with a profile of
 * its own and the browser console recorded; what every page must satisfy (no console error or warning,
 * never wider than the screen); a screenshot kept in {@code target/report-screenshots/}.
 */
final class HeadlessChromium {

    private HeadlessChromium() {
    }

    static ChromeDriver open(Path profile) {
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new ChromeDriver(options);
    }

    /** Loads a page in a window of this size. */
    static void show(ChromeDriver browser, Path page, int width, int height) {
        browser.manage().window().setSize(new Dimension(width, height));
        browser.get(page.toUri().toString());
    }

    /** Checks the page just loaded: no console error or warning, no sideways scrolling. Returns its width. */
    static long checkPage(ChromeDriver browser) {
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(errors).as("console errors and warnings").isEmpty();
        JavascriptExecutor js = browser;
        long viewport = (Long) js.executeScript("return window.innerWidth;");
        assertThat((Long) js.executeScript("return document.documentElement.scrollWidth;"))
                .as("the page scrolls sideways").isLessThanOrEqualTo(viewport);
        return viewport;
    }

    /** Keeps what the browser shows as {@code target/report-screenshots/NAME}. */
    static void screenshot(ChromeDriver browser, Path module, String name) throws IOException {
        Path folder = Files.createDirectories(module.resolve("target/report-screenshots"));
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), folder.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
