package io.ductwatch.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ductwatch.config.ConfigProblem;
import io.ductwatch.config.InvalidConfigException;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioLoaderTest {

    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static SiteConfig site;

    @BeforeAll
    static void site() throws Exception {
        site = SiteLoader.load(MODULE.resolve("../firmware-config/sites/example-duct.yaml").normalize());
    }

    static Stream<Path> shipped() throws Exception {
        try (Stream<Path> files = Files.list(MODULE.resolve("scenarios"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void every_shipped_scenario_is_valid_for_the_example_site(Path file) throws Exception {
        Scenario scenario = ScenarioLoader.parse(Files.readString(file), file.getFileName().toString(), site);
        assertThat(scenario.name()).isEqualTo(file.getFileName().toString().replace(".yaml", ""));
    }

    @Test
    void parses_every_kind_of_event_in_time_order() throws Exception {
        Scenario scenario = ScenarioLoader.parse("""
                name: all-kinds
                durationS: 1800
                ambient: { temperatureC: 18.0, humidityPct: 70, swingK: 2 }
                events:
                  - { atS: 300, fire: { positionM: 143.0, growth: medium, maxKw: 2000 } }
                  - { atS: 120, smoulder: { positionM: 80.0, kw: 2.0, durationS: 600 } }
                  - { atS: 600, flood: { positionM: 60.0, rateMmPerMin: 5 } }
                  - { atS: 0,   heat: { fromM: 40, toM: 60, rateKPerMin: 10, durationS: 600 } }
                  - { atS: 150, contact: { sensor: mcp0, active: true, durationS: 5 } }
                  - { atS: 200, sensorFault: { sensor: t07, mode: stuck, durationS: 300 } }
                  - { atS: 400, uplink: { mode: down, durationS: 600 } }
                  - { atS: 900, powerCut: { durationS: 30 } }
                  - { atS: 310, fire: { positionM: 20.0, alphaKwS2: 0.02 } }
                """, "s.yaml", site);

        assertThat(scenario.events()).extracting(Scenario.Event::atS)
                .containsExactly(0.0, 120.0, 150.0, 200.0, 300.0, 310.0, 400.0, 600.0, 900.0);
        assertThat(scenario.events().get(4)).isEqualTo(new Scenario.Fire(300, 143.0, 0.01172, 2000));
        assertThat(scenario.events().get(5)).isEqualTo(new Scenario.Fire(310, 20.0, 0.02, 2000));
        assertThat(scenario.firstThermalEventS()).contains(0.0);
        assertThat(scenario.ambient().swingPeriodS()).isEqualTo(86_400);
    }

    @Test
    void reports_every_problem_with_line_column_and_path() {
        InvalidConfigException thrown = catchThrowableOfType(InvalidConfigException.class, () -> ScenarioLoader.parse("""
                name: bad
                durationS: 600
                colour: red
                events:
                  - { atS: 10, fire: { positionM: 250.0, growth: medium } }
                  - { atS: 20, fire: { positionM: 10.0, growth: medium, alphaKwS2: 0.1 } }
                  - { atS: 30 }
                  - { atS: 40, flood: { positionM: 60, rateMmPerMin: 5 }, heat: { fromM: 0, toM: 1, rateKPerMin: 1, durationS: 1 } }
                  - { atS: 50, contact: { sensor: t07 } }
                  - { atS: 60, sensorFault: { sensor: t77, mode: crc } }
                  - { atS: 70, sensorFault: { sensor: door, mode: nack } }
                  - { atS: 700, uplink: { mode: sideways, durationS: 5 } }
                  - { atS: 80, fire: { positionM: 10.0, growth: blazing } }
                  - { atS: 90, sensorFault: { sensor: t07, mode: melt } }
                  - { atS: 95, modem: { mode: melted } }
                  - { atS: 96, sms: { from: abc, text: STATUS } }
                """, "bad.yaml", site));

        assertThat(thrown.problems()).extracting(ConfigProblem::toString).containsExactly(
                "bad.yaml:3:1: colour: unknown key 'colour'; allowed here: name, durationS, ambient, events",
                "bad.yaml:5:35: events[0].fire.positionM: 250.0 m is outside the duct (0.0 to 200.0 m)",
                "bad.yaml:6:22: events[1].fire: a fire needs exactly one of growth and alphaKwS2",
                "bad.yaml:7:5: events[2]: an event needs one of fire, smoulder, flood, heat, contact, sensorFault, uplink, powerCut,"
                        + " recorded, modem, sms",
                "bad.yaml:8:5: events[3]: an event has exactly one kind, not flood and heat",
                "bad.yaml:9:35: events[4].contact.sensor: t07 is not a contact",
                "bad.yaml:10:39: events[5].sensorFault.sensor: the site has no sensor 't77'",
                "bad.yaml:11:39: events[6].sensorFault.sensor: door is a plain GPIO contact: it has no bus to fail",
                "bad.yaml:12:12: events[7].atS: 700.0 s is after the scenario's end (durationS 600.0)",
                "bad.yaml:12:33: events[7].uplink.mode: 'sideways' is not one of down, dnsFailure, brokerRestart, halfOpen",
                "bad.yaml:13:49: events[8].fire.growth: 'blazing' is not one of slow, medium, fast, ultra-fast",
                "bad.yaml:14:50: events[9].sensorFault.mode: 'melt' is not one of stuck, dropout, crc, nack, disconnect,"
                        + " slow",
                "bad.yaml:15:31: events[10].modem.mode: 'melted' is not one of noSignal, simMissing, gone, hang, smsError",
                "bad.yaml:16:29: events[11].sms.from: 'abc' is not valid: expected a phone number such as +821055500101");
        assertThat(List.copyOf(thrown.problems())).isSorted();
    }

    @Test
    void modem_and_sms_events_need_a_site_with_a_fallback_modem() throws Exception {
        SiteConfig without = new SiteConfig(site.source(), site.site(), site.gateway(), site.duct(), site.zones(),
                site.sensors(), site.rules(), site.outputs(), site.uplink(), site.store(), site.coap(), site.watchdog(),
                java.util.Optional.empty(), java.util.Optional.empty());
        InvalidConfigException thrown = catchThrowableOfType(InvalidConfigException.class, () -> ScenarioLoader.parse("""
                name: no-modem
                durationS: 600
                events:
                  - { atS: 10, modem: { mode: gone } }
                  - { atS: 20, sms: { from: "+821055500101", text: STATUS } }
                """, "no-modem.yaml", without));

        assertThat(thrown.problems()).extracting(ConfigProblem::toString).containsExactly(
                "no-modem.yaml:4:23: events[0].modem: the site has no fallback modem (site file 'fallback:')",
                "no-modem.yaml:5:21: events[1].sms: the site has no fallback modem (site file 'fallback:')");
    }
}
