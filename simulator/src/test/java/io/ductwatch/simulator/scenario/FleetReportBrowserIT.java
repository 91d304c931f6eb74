package io.ductwatch.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

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

        browser = HeadlessChromium.open(dir.resolve("profile"));
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
        HeadlessChromium.show(browser, report, width, height);
        JavascriptExecutor js = browser;

        HeadlessChromium.checkPage(browser);
        @SuppressWarnings("unchecked")
        List<String> gateways = (List<String>) js.executeScript("return Array.from(document.querySelectorAll("
                + "'#gateways tr td:first-child')).map(t => t.textContent);");
        assertThat(gateways).containsExactly("gw01", "gw02");
        @SuppressWarnings("unchecked")
        List<List<String>> fires = (List<List<String>>) js.executeScript("return Array.from(document.querySelectorAll("
                + "'#fires tr')).slice(1).map(r => Array.from(r.cells).map(c => c.textContent));");
        assertThat(fires).extracting(row -> row.get(2)).contains("gw01", "gw02");
        assertThat(fires).allSatisfy(row -> assertThat(Double.parseDouble(row.get(4))).isBetween(199.0, 201.0));

        HeadlessChromium.screenshot(browser, MODULE, "fleet-report-" + width + ".png");
    }
}
