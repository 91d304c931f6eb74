package io.ductwatch.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A zone's one criterion becomes a FIRE when a second heat sensor near the located fire rises against the duct
 * (Corroboration: 3 K above its baseline at 3 K/min, within 25 m), long before that sensor's probe meets
 * its own criterion; never on the rise alone, never from afar, never from a faulty sensor. A heat criterion also
 * becomes a FIRE when a smoke detector within 80 m reads a quarter of its alarm level. Example site: s2 at 125 m,
 * t12 at 120 m, s3 at 175 m and t20 at 200 m in Z2, t02 at 20 m and s1 at 75 m in Z1; smoke alarms at 10 %/m.
 */
class FireConfirmationTest {

    /** Runs the fixture for a minute while {@code heatId} rises at {@code kPerMin} from 20 °C, 2 s a cycle. */
    private static void ramp(EngineFixture fixture, String heatId, double kPerMin) {
        for (int i = 1; i <= 30; i++) {
            fixture.set(heatId, 20.0 + kPerMin * i * 2 / 60.0);
            fixture.run(Duration.ofSeconds(2), Duration.ofSeconds(2));
        }
    }

    private static EngineFixture baselined() {
        EngineFixture fixture = new EngineFixture();
        fixture.run(Duration.ofSeconds(90), Duration.ofSeconds(2));
        return fixture;
    }

    @Test
    void smoke_confirmed_by_a_heat_sensor_rising_beside_it_is_a_fire() {
        EngineFixture fixture = baselined();
        fixture.set("s2", 15);
        fixture.run(Duration.ofSeconds(10), Duration.ofSeconds(2));
        assertThat(fixture.active(AlarmType.PRE_ALARM)).extracting(ActiveAlarm::zone).containsExactly("Z2");

        ramp(fixture, "t12", 6);

        assertThat(fixture.events(AlarmType.FIRE, AlarmEventKind.RAISED)).singleElement().satisfies(fire -> {
            assertThat(fire.zone()).isEqualTo("Z2");
            assertThat(fire.sensors()).containsExactly("s2", "t12");
            assertThat(fire.reason()).contains("t12").contains("K above its baseline")
                    .endsWith("one criterion confirmed by a second heat sensor in Z2");
        });
        assertThat(fixture.active(AlarmType.HEAT)).as("t12 meets no criterion of its own").isEmpty();
    }

    @Test
    void a_rise_alone_is_no_fire() {
        EngineFixture fixture = baselined();

        ramp(fixture, "t12", 6);

        assertThat(fixture.active(AlarmType.FIRE)).isEmpty();
        assertThat(fixture.active(AlarmType.PRE_ALARM)).as("a warning (EarlyWarningTest), no more")
                .singleElement().satisfies(pre -> assertThat(pre.reason()).endsWith("no criterion met yet"));
    }

    @Test
    void a_rise_far_from_the_fire_confirms_nothing() {
        EngineFixture fixture = baselined();
        fixture.set("s2", 15);

        ramp(fixture, "t02", 6);

        assertThat(fixture.active(AlarmType.FIRE)).isEmpty();
        assertThat(fixture.active(AlarmType.PRE_ALARM)).as("the smoke's one criterion").hasSize(1);
    }

    @Test
    void a_rise_too_slow_confirms_nothing() {
        EngineFixture fixture = baselined();
        fixture.set("s2", 15);

        ramp(fixture, "t12", 2);

        assertThat(fixture.active(AlarmType.FIRE)).isEmpty();
    }

    @Test
    void a_faulty_sensor_confirms_nothing() {
        EngineFixture fixture = baselined();
        fixture.set("s2", 15);
        fixture.fail("t12", Quality.CRC_ERROR);
        fixture.run(Duration.ofSeconds(10), Duration.ofSeconds(2));

        // Good readings again, rising: a sensor that just failed needs a new baseline before its rise counts.
        ramp(fixture, "t12", 6);

        assertThat(fixture.active(AlarmType.FIRE)).isEmpty();
    }

    /** A heat criterion at t20 (its static threshold), the zone's one: a PRE_ALARM in Z2. */
    private static EngineFixture heatCriterionAtTheEnd() {
        EngineFixture fixture = baselined();
        fixture.set("t20", 60);
        fixture.run(Duration.ofSeconds(4), Duration.ofSeconds(2));
        assertThat(fixture.active(AlarmType.HEAT)).extracting(ActiveAlarm::sensors).containsExactly(List.of("t20"));
        assertThat(fixture.active(AlarmType.PRE_ALARM)).extracting(ActiveAlarm::zone).containsExactly("Z2");
        return fixture;
    }

    @Test
    void a_heat_criterion_confirmed_by_smoke_nearby_is_a_fire() {
        EngineFixture fixture = heatCriterionAtTheEnd();

        fixture.set("s3", 3.0);
        fixture.run(Duration.ofSeconds(2), Duration.ofSeconds(2));

        assertThat(fixture.events(AlarmType.FIRE, AlarmEventKind.RAISED)).singleElement().satisfies(fire -> {
            assertThat(fire.zone()).isEqualTo("Z2");
            assertThat(fire.sensors()).containsExactly("t20", "s3");
            assertThat(fire.reason()).contains("3.0 %/m at s3, smoke at 25 % of its alarm level")
                    .endsWith("one criterion confirmed by smoke in Z2");
        });
        assertThat(fixture.active(AlarmType.SMOKE)).as("s3 meets no criterion of its own").isEmpty();
    }

    @Test
    void smoke_under_a_quarter_of_its_alarm_level_confirms_nothing() {
        EngineFixture fixture = heatCriterionAtTheEnd();

        fixture.set("s3", 2.4);
        fixture.run(Duration.ofSeconds(20), Duration.ofSeconds(2));

        assertThat(fixture.active(AlarmType.FIRE)).isEmpty();
    }

    @Test
    void smoke_far_from_the_fire_or_from_a_faulty_detector_confirms_nothing() {
        EngineFixture fixture = heatCriterionAtTheEnd();

        fixture.set("s1", 5.0); // 125 m from the fire
        fixture.set("s3", 5.0).fail("s3", Quality.OUT_OF_RANGE);
        fixture.run(Duration.ofSeconds(20), Duration.ofSeconds(2));

        assertThat(fixture.active(AlarmType.FIRE)).isEmpty();
    }

    @Test
    void smoke_confirms_heat_only_not_another_smoke_detector() {
        EngineFixture fixture = baselined();
        fixture.set("s2", 15);
        fixture.set("s3", 5.0);

        fixture.run(Duration.ofSeconds(20), Duration.ofSeconds(2));

        assertThat(fixture.active(AlarmType.FIRE)).as("smoke twice is one sign, not two").isEmpty();
        assertThat(fixture.active(AlarmType.PRE_ALARM)).hasSize(1);
    }
}
