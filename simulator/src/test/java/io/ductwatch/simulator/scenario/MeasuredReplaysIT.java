package io.ductwatch.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.config.SensorConfig;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real fire tests replayed against the real gateway (simulator/scenarios/measured/): Memorial Tunnel 607
 * and 501 at full scale with heat sensors every 10 m, FHWA/IFAB-07 at 1/4 scale with one every 1 m. Each
 * fire is found, once, in the zone that contains its estimate, with no alarm before ignition (IFAB-07 plays its
 * fan-on minutes first). The location errors are printed beside the hottest sensor's as a baseline and
 * reported in docs/detection.md. Memorial 607 is held to its goal (5 m); 501 and IFAB-07 to what the gateway
 * holds today, not yet the goals (5 m and 1 m). The Memorial FIREs are also in the zone the fire burns in;
 * IFAB-07's is not yet (its pan is 0.6 m before the zone boundary, its estimate 3 m past it).
 */
class MeasuredReplaysIT {

    private static final Path MEASURED = Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
            .resolve("scenarios/measured");

    @TempDir
    Path reports;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"memorial-607, memorial-607-site, 60, 5.0, true", "memorial-501, memorial-501-site, 60, 10.0, true",
            "ifab-07, ifab-tunnel-site, 60, 3.0, false"})
    void a_real_fire_is_found_once_where_it_is_and_nothing_before_it(String name, String siteName, double withinS,
                                                                   double withinM, boolean inFireZone)
            throws Exception {
        SiteConfig site = SiteLoader.load(MEASURED.resolve(siteName + ".yaml")).withCoapPorts(0, 0);
        Scenario scenario = ScenarioLoader.parse(Files.readString(MEASURED.resolve(name + ".yaml")), name, MEASURED,
                site);
        Summary summary = new ScenarioRun(new ScenarioRun.Options(site, scenario, 7, 0, Optional.empty(),
                reports.resolve(name), 1e9, frame -> { }, notice -> { })).run();

        List<Summary.Alarm> fires = summary.alarms().stream()
                .filter(a -> a.type().equals("FIRE") && a.event().equals("RAISED")).toList();
        Scenario.Recorded fire = (Scenario.Recorded) scenario.events().get(0);
        double hottest = hottestSensorErrorM(site, fire, fires.get(0).atS());
        System.out.printf(Locale.ROOT, "replay %s PRE_ALARM %s s, FIRE %.0f s after ignition, located %.1f m off;"
                        + " hottest sensor %.1f m off; raised before ignition %d; alarms %s%n", name,
                summary.firstAlarmS().get("PRE_ALARM"), summary.firstAlarmS().get("FIRE"), summary.locationErrorM(),
                hottest, summary.falseAlarms(), summary.alarms().stream().filter(a -> a.event().equals("RAISED")
                        && (a.type().equals("FIRE") || a.type().equals("PRE_ALARM")))
                        .map(a -> a.type() + "@" + a.atS() + "s/" + a.zone()).toList());

        assertThat(summary.alarms().stream().filter(a -> a.type().equals("PRE_ALARM") && a.event().equals("RAISED")))
                .as("one PRE_ALARM: the fire's heat carried down the duct warns of no other").hasSize(1);
        assertThat(fires).as("one FIRE for one fire").singleElement()
                .satisfies(f -> assertThat(zonesAt(site, f.positionM())).contains(f.zone()));
        if (inFireZone) {
            assertThat(zonesAt(site, fire.firePositionM())).as("in the zone the fire burns in")
                    .contains(fires.get(0).zone());
        }
        assertThat(summary.firstAlarmS().get("FIRE")).isNotNull().isLessThanOrEqualTo(withinS);
        assertThat(summary.locationErrorM()).isLessThanOrEqualTo(withinM);
        assertThat(summary.falseAlarms()).as("nothing before ignition").isZero();
        assertThat(summary.delivery().lost()).isZero();
    }

    /** The zones that contain a chainage (two where zones meet). */
    private static List<String> zonesAt(SiteConfig site, double positionM) {
        return site.zones().stream().filter(z -> z.contains(positionM)).map(SiteConfig.Zone::id).toList();
    }

    /** How far from the fire the hottest heat sensor was (by the recording) when the FIRE was raised. */
    private static double hottestSensorErrorM(SiteConfig site, Scenario.Recorded fire, double atS) {
        SensorConfig hottest = site.sensors().stream().filter(s -> s.kind() == SensorConfig.Kind.HEAT)
                .max(java.util.Comparator.comparingDouble(s -> fire.recording().riseK(
                        fire.ignitionS() + atS - fire.atS(), s.positionM() - fire.firePositionM()))).orElseThrow();
        return Math.abs(hottest.positionM() - fire.firePositionM());
    }
}
