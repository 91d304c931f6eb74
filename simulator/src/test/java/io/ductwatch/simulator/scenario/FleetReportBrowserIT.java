package io.ductwatch.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
 * A fleet run's report.html (two gateways, a fire on their border) in Debian's chromium at a laptop's and at
 * a phone's width: no console error, the page never wider than the screen, each gateway in the gateways'
 * table and both FIREs of the border fire, at the same chainage, in the fires' table. Runs with
 * {@code -Dductwatch.interop=true}, as {@link ReportBrowserIT} does.
 */
@EnabledIfSystemProperty(named = "ductwatch.interop", matches = "true",
        disabledReason = "the browser test runs with -Dductwatch.interop=true (DESIGN 6)")
class FleetReportBrowserIT {

    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

    @TempDir
    static Path dir;
    private static Path report;
    private static ChromeDriver browser;

    @BeforeAll
    static void runAndOpen() throws Exception {
        SiteConfig base = SiteLoader.load(MODULE.resolve("../firmware-config/sites/example-duct.yaml").normalize());
        Scenario scenario = ScenarioLoader.parse(Files.readString(MODULE.resolve("scenarios/fleet-border-fire.yaml")),
                "fleet-border-fire", FleetRun.wholeDuct(base, 2));
        new FleetRun(new FleetRun.Options(base, 2, scenario, 1, 0, Optional.empty(), dir, notice -> { })).run();
        report = dir.resolve("report.html");

        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + dir.resolve("profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(options);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @ParameterizedTest(name = "{0} px wide")
    @CsvSource({"1280, 900", "390, 844"})
    void the_fleet_tables_show_every_gateway_and_both_fires_and_fit_the_screen(int width, int height) throws Exception {
        browser.manage().window().setSize(new Dimension(width, height));
        browser.get(report.toUri().toString());
        JavascriptExecutor js = browser;

        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(errors).as("console errors and warnings").isEmpty();
        long viewport = (Long) js.executeScript("return window.innerWidth;");
        assertThat((Long) js.executeScript("return document.documentElement.scrollWidth;"))
                .as("the page scrolls sideways").isLessThanOrEqualTo(viewport);
        @SuppressWarnings("unchecked")
        List<String> gateways = (List<String>) js.executeScript("return Array.from(document.querySelectorAll("
                + "'#gateways tr td:first-child')).map(t => t.textContent);");
        assertThat(gateways).containsExactly("gw01", "gw02");
        @SuppressWarnings("unchecked")
        List<List<String>> fires = (List<List<String>>) js.executeScript("return Array.from(document.querySelectorAll("
                + "'#fires tr')).slice(1).map(r => Array.from(r.cells).map(c => c.textContent));");
        assertThat(fires).extracting(row -> row.get(2)).contains("gw01", "gw02");
        assertThat(fires).allSatisfy(row -> assertThat(Double.parseDouble(row.get(4))).isBetween(199.0, 201.0));

        Files.createDirectories(MODULE.resolve("target/report-screenshots"));
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                MODULE.resolve("target/report-screenshots/fleet-report-" + width + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
