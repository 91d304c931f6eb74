package io.ductwatch.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each shipped scenario run against the real gateway on the example site, with its outcome asserted:
 * fires found where they are, the flood found, faults raised as TROUBLE and cleared, a summer day quiet,
 * nothing lost on the way to the operator.
 */
class ShippedScenariosIT {

    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static SiteConfig site;

    @TempDir
    Path reports;

    @BeforeAll
    static void site() throws Exception {
        site = SiteLoader.load(MODULE.resolve("../firmware-config/sites/example-duct.yaml").normalize()).withCoapPorts(0, 0);
    }

    private Summary run(String name, long seed) throws Exception {
        Path file = MODULE.resolve("scenarios/" + name + ".yaml");
        Scenario scenario = ScenarioLoader.parse(Files.readString(file), name, site);
        List<String> notices = new java.util.ArrayList<>();
        Summary summary = new ScenarioRun(new ScenarioRun.Options(site, scenario, seed, 0, Optional.empty(),
                reports.resolve(name + "-" + seed), 1e9, frame -> { }, notices::add)).run();
        assertThat(notices).as("the gateway's CoAP API ran, as on a Pi, and said where")
                .anySatisfy(n -> assertThat(n).matches("CoAP API: coap://127\\.0\\.0\\.1:\\d+"));
        assertThat(summary.delivery().lost()).as("nothing lost silently").isZero();
        assertThat(summary.delivery().brokerLost()).as("nothing lost by the embedded broker").isZero();
        assertThat(summary.delivery().delivered() + summary.delivery().announcedGaps())
                .isGreaterThanOrEqualTo(summary.delivery().published());
        assertThat(reports.resolve(name + "-" + seed + "/report.html")).exists();
        return summary;
    }

    private static List<Summary.Alarm> raised(Summary summary, String type) {
        return summary.alarms().stream().filter(a -> a.type().equals(type) && a.event().equals("RAISED")).toList();
    }

    @Test
    void a_medium_cable_fire_is_found_within_two_minutes_and_five_metres() throws Exception {
        Summary summary = run("cable-fire-medium", 1);

        assertThat(summary.firstAlarmS().get("FIRE")).isNotNull().isLessThan(120.0);
        assertThat(summary.firstAlarmS().get("PRE_ALARM")).isLessThanOrEqualTo(summary.firstAlarmS().get("FIRE"));
        assertThat(summary.locationErrorM()).isLessThan(5.0);
        assertThat(raised(summary, "FIRE")).as("one fire, one FIRE, in the zone that contains it: smoke drifting"
                + " into Z1 joins it").singleElement().satisfies(f -> assertThat(f.zone()).isEqualTo("Z2"));
        assertThat(summary.alarms()).as("no heat sensor says the heat went away while the duct burns (a DS18B20"
                + " past 125 °C keeps its HEAT beside its TROUBLE)")
                .noneMatch(a -> a.type().equals("HEAT") && a.event().equals("CLEARED"));
        assertThat(summary.falseAlarms()).isZero();
    }

    @Test
    void a_start_in_a_hot_humid_duct_is_no_fire() throws Exception {
        Summary summary = run("hot-start", 1);

        assertThat(raised(summary, "FIRE")).isEmpty();
        assertThat(raised(summary, "PRE_ALARM")).isEmpty();
        assertThat(raised(summary, "HEAT")).isEmpty();
        assertThat(summary.falseAlarms()).isZero();
    }

    @Test
    void a_smouldering_cable_is_smoke_first_and_fire_when_it_flames() throws Exception {
        Summary summary = run("smouldering-to-flaming", 1);

        assertThat(raised(summary, "SMOKE")).isNotEmpty();
        assertThat(raised(summary, "SMOKE").get(0).atS()).isLessThan(720.0);
        assertThat(raised(summary, "FIRE")).isNotEmpty();
        assertThat(summary.locationErrorM()).isLessThan(10.0);
        assertThat(summary.falseAlarms()).isZero();
    }

    @Test
    void a_flood_at_the_low_point_is_water_and_no_fire() throws Exception {
        Summary summary = run("flood-low-point", 1);

        assertThat(raised(summary, "WATER")).extracting(a -> a.sensors().get(0)).contains("w0", "lvl0");
        Summary.Alarm swit = raised(summary, "WATER").stream().filter(a -> a.sensors().contains("w0")).findFirst()
                .orElseThrow();
        assertThat(swit.atS()).isBetween(60 + 240.0, 60 + 240.0 + 30);
        assertThat(raised(summary, "FIRE")).isEmpty();
        assertThat(raised(summary, "PRE_ALARM")).isEmpty();
        assertThat(summary.fallback()).as("the broker acknowledged every WATER in time: no SMS").isEmpty();
    }

    @Test
    void a_hot_summer_day_raises_no_fire_and_no_pre_alarm() throws Exception {
        Summary summary = run("summer-day", 1);

        assertThat(raised(summary, "FIRE")).isEmpty();
        assertThat(raised(summary, "PRE_ALARM")).isEmpty();
        assertThat(raised(summary, "HEAT")).isEmpty();
        assertThat(summary.falseAlarms()).isZero();
    }

    @Test
    void each_sensor_fault_is_trouble_and_clears_and_never_fire() throws Exception {
        Summary summary = run("sensor-faults", 1);

        List<String> troubled = raised(summary, "TROUBLE").stream().flatMap(a -> a.sensors().stream()).distinct().toList();
        assertThat(troubled).containsExactlyInAnyOrder("t03", "cab", "t11", "s1", "lvl0", "w1", "t17");
        List<String> cleared = summary.troubles().stream().filter(a -> a.event().equals("CLEARED"))
                .flatMap(a -> a.sensors().stream()).distinct().toList();
        assertThat(cleared).containsExactlyInAnyOrder("t03", "cab", "t11", "s1", "lvl0", "w1", "t17");
        summary.troubles().stream().filter(a -> a.event().equals("RAISED")).forEach(t -> {
            assertThat(t.reason()).isNotBlank();
        });
        assertThat(raised(summary, "FIRE")).isEmpty();
        assertThat(raised(summary, "PRE_ALARM")).isEmpty();
    }

    @Test
    void an_uplink_outage_with_every_kind_of_fault_loses_nothing() throws Exception {
        Summary summary = run("uplink-outage", 1);

        assertThat(raised(summary, "FIRE")).singleElement().satisfies(f -> {
            assertThat(f.atS()).isEqualTo(300.0);
            assertThat(f.sensors()).containsExactly("mcp0");
        });
        assertThat(summary.delivery().published()).isGreaterThan(1000);
        assertThat(summary.delivery().announcedGaps()).isZero();
    }

    @Test
    void a_power_cut_announces_what_it_lost_and_loses_nothing_silently() throws Exception {
        Summary summary = run("power-cut", 1);

        assertThat(raised(summary, "FIRE")).extracting(Summary.Alarm::atS).contains(200.0);
        assertThat(raised(summary, "HEAT")).isNotEmpty().allSatisfy(h -> assertThat(h.atS()).isGreaterThan(500.0));
        assertThat(summary.delivery().announcedGaps()).isPositive();
    }

    @Test
    void the_same_seed_gives_the_same_summary_outside_delivery() throws Exception {
        run("cable-fire-medium", 7);
        String first = withoutDelivery(reports.resolve("cable-fire-medium-7/summary.json"));
        run("cable-fire-medium", 7);

        assertThat(withoutDelivery(reports.resolve("cable-fire-medium-7/summary.json"))).isEqualTo(first);
        assertThat(first).as("the SMS of the fire are part of it, boot ids left out").contains("\"fallback\" : [ {")
                .contains("ACK {bootId}-");
        Summary other = run("cable-fire-medium", 8);
        assertThat(withoutDelivery(reports.resolve("cable-fire-medium-8/summary.json")))
                .as("another seed, other noise").isNotEqualTo(first.replace("\"seed\" : 7", "\"seed\" : 8"));
        assertThat(other.seed()).isEqualTo(8);
    }

    private static String withoutDelivery(Path summary) throws Exception {
        String text = Files.readString(summary);
        return text.substring(0, text.indexOf("\"delivery\""));
    }
}
