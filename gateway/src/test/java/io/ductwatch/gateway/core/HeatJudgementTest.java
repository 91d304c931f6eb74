package io.ductwatch.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.config.SensorConfig;
import java.time.Duration;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How heat is judged beyond one sensor's own slope (DESIGN 3): a fire is local, so a rise more than three quarters
 * of the duct sees at once is no criterion, while a fire's hot gas over half of it is one; no rate is judged before
 * a sensor has its baseline; a sensor that leaves its range upwards in the fire keeps its HEAT.
 */
class HeatJudgementTest {

    private static final Duration STEP = Duration.ofSeconds(2);

    private final EngineFixture fixture = new EngineFixture();

    private EngineFixture everyHeatSensorAt(double celsius) {
        fixture.site.sensors().stream().filter(s -> s.kind() == SensorConfig.Kind.HEAT)
                .forEach(s -> fixture.set(s.id(), celsius));
        return fixture;
    }

    /** Sets the example duct's heat sensors t{@code from} to t{@code to} (every 10 m from 0 m), each by its index. */
    private EngineFixture heatSensors(int from, int to, IntToDoubleFunction celsius) {
        for (int k = from; k <= to; k++) {
            fixture.set(String.format("t%02d", k), celsius.applyAsDouble(k));
        }
        return fixture;
    }

    private void assertNoHeatNorWarningNorFire() {
        assertThat(fixture.events(AlarmType.HEAT, AlarmEventKind.RAISED)).isEmpty();
        assertThat(fixture.events(AlarmType.PRE_ALARM, AlarmEventKind.RAISED)).isEmpty();
        assertThat(fixture.events(AlarmType.FIRE, AlarmEventKind.RAISED)).isEmpty();
    }

    @Test
    void a_rise_the_whole_duct_sees_at_once_is_no_heat_criterion() {
        fixture.run(Duration.ofMinutes(5), STEP);
        // The ventilation switches and warm air fills the duct: every heat sensor +10 K in 20 s.
        for (int i = 1; i <= 10; i++) {
            everyHeatSensorAt(20 + i).run(STEP, STEP);
        }
        fixture.run(Duration.ofMinutes(2), STEP);

        assertNoHeatNorWarningNorFire();
    }

    @Test
    void the_same_rise_at_one_sensor_is_a_heat_criterion() {
        fixture.run(Duration.ofMinutes(5), STEP);
        for (int i = 1; i <= 10; i++) {
            fixture.set("t07", 20 + i).run(STEP, STEP);
        }
        fixture.run(Duration.ofSeconds(20), STEP);

        assertThat(fixture.events(AlarmType.HEAT, AlarmEventKind.RAISED)).singleElement()
                .satisfies(h -> assertThat(h.sensors()).containsExactly("t07"));
    }

    @Test
    void a_fires_hot_gas_carried_over_half_the_duct_by_fast_airflow_is_a_heat_criterion() {
        fixture.run(Duration.ofMinutes(5), STEP);
        // Jet fans at 4-5 m/s: a fire at 75 m, and its hot gas reaches every sensor downstream within half a
        // minute, barely cooling on the way: 13 of the 21 heat sensors warm, up to 15 K/min, while the eight
        // upstream stay as they were. The duct's median would be a warmed sensor.
        for (int i = 1; i <= 30; i++) {
            double riseK = i * 0.5;
            heatSensors(8, 20, k -> 20 + riseK * (1 - 0.02 * (k - 8))).run(STEP, STEP);
        }

        assertThat(fixture.events(AlarmType.HEAT, AlarmEventKind.RAISED)).extracting(h -> h.sensors().get(0))
                .contains("t08");
        assertThat(fixture.events(AlarmType.FIRE, AlarmEventKind.RAISED)).singleElement()
                .satisfies(fire -> assertThat(fire.zone()).isEqualTo("Z1"));
    }

    @Test
    void a_rise_seen_by_nine_in_ten_heat_sensors_at_once_is_no_heat_criterion() {
        fixture.run(Duration.ofMinutes(5), STEP);
        // Warm air fills the duct from its far end: all but t00 and t01 +10 K in 20 s.
        for (int i = 1; i <= 10; i++) {
            int riseK = i;
            heatSensors(2, 20, k -> 20 + riseK).run(STEP, STEP);
        }
        fixture.run(Duration.ofMinutes(2), STEP);

        assertNoHeatNorWarningNorFire();
    }

    /**
     * The ventilation brings in warmer air: a front entering the duct at 0 m and moving along it at the airflow's
     * speed, each DS18B20 following the air with its lag (RTI 80, a time constant of 80 / sqrt(u) s). Until it has
     * passed three quarters of the sensors, those behind it are judged against the cold ones ahead: up to 10 K it
     * raises no HEAT and no FIRE at any speed. It does raise a PRE_ALARM from 3-5 K, and a FIRE from 15-20 K
     * (docs/detection.md, "A warm front").
     */
    @ParameterizedTest(name = "{0} K at {1} m/s")
    @CsvSource({"3, 0.5", "3, 4", "5, 0.5", "5, 1", "5, 2", "5, 4", "10, 0.5", "10, 1", "10, 2", "10, 4"})
    void a_front_of_warmer_air_up_to_10_K_is_no_heat_criterion(double stepK, double airflowMs) {
        fixture.run(Duration.ofMinutes(5), STEP);
        double tauS = 80 / Math.sqrt(airflowMs);
        for (int i = 1; i <= 300; i++) {
            double t = i * 2.0;
            heatSensors(0, 20, k -> {
                double arrivedS = t - k * 10 / airflowMs;
                double air = arrivedS <= 0 ? 0 : stepK * (1 - Math.exp(-arrivedS / tauS));
                return Math.round((20 + air) * 16) / 16.0;
            }).run(STEP, STEP);
        }

        assertThat(fixture.events(AlarmType.HEAT, AlarmEventKind.RAISED)).isEmpty();
        assertThat(fixture.events(AlarmType.FIRE, AlarmEventKind.RAISED)).isEmpty();
    }

    @Test
    void no_rate_of_rise_is_judged_in_a_sensors_first_minute() {
        // Started in a duct whose sensors still settle: t07 climbs 12 K in its first 40 s.
        for (int i = 1; i <= 20; i++) {
            fixture.set("t07", 20 + i * 0.6).run(STEP, STEP);
        }
        assertThat(fixture.events(AlarmType.HEAT, AlarmEventKind.RAISED)).isEmpty();
    }

    @Test
    void a_sensor_past_its_range_in_the_fire_keeps_its_heat_and_raises_a_trouble() {
        fixture.run(Duration.ofMinutes(5), STEP);
        for (int i = 1; i <= 30; i++) {
            fixture.set("t14", 20 + i * 4).set("t13", 20 + i * 2).run(STEP, STEP);
        }
        assertThat(fixture.events(AlarmType.HEAT, AlarmEventKind.RAISED)).extracting(e -> e.sensors().get(0))
                .contains("t14");
        assertThat(fixture.active(AlarmType.FIRE)).hasSize(1);

        fixture.fail("t14", Quality.OUT_OF_RANGE).run(Duration.ofMinutes(3), STEP);

        assertThat(fixture.events(AlarmType.HEAT, AlarmEventKind.CLEARED)).isEmpty();
        assertThat(fixture.active(AlarmType.HEAT)).extracting(a -> a.sensors().get(0)).contains("t14");
        assertThat(fixture.active(AlarmType.TROUBLE)).anySatisfy(t -> assertThat(t.sensors()).containsExactly("t14"));
        assertThat(fixture.active(AlarmType.FIRE)).singleElement()
                .satisfies(f -> assertThat(f.conditionPresent()).isTrue());
    }

    @Test
    void a_sensor_that_leaves_its_range_when_not_in_alarm_is_only_a_trouble() {
        fixture.run(Duration.ofMinutes(5), STEP);
        fixture.fail("t05", Quality.OUT_OF_RANGE).run(Duration.ofMinutes(2), STEP);

        assertThat(fixture.events(AlarmType.HEAT, AlarmEventKind.RAISED)).isEmpty();
        assertThat(fixture.active(AlarmType.TROUBLE)).anySatisfy(t -> assertThat(t.sensors()).containsExactly("t05"));
    }

    @Test
    void a_fire_at_a_zone_border_is_one_fire_in_the_zone_that_contains_it() {
        fixture.run(Duration.ofMinutes(5), STEP);
        // A fire at about 96 m, in Z1: t09 (90 m, Z1) and t10 (100 m, Z2) heat most, t08 and t11 less.
        for (int i = 1; i <= 40; i++) {
            fixture.set("t09", 20 + i * 1.5).set("t10", 20 + i * 1.3).set("t08", 20 + i * 0.4)
                    .set("t11", 20 + i * 0.5).run(STEP, STEP);
        }
        assertThat(fixture.events(AlarmType.FIRE, AlarmEventKind.RAISED)).singleElement().satisfies(fire -> {
            assertThat(fire.zone()).isEqualTo("Z1");
            assertThat(fire.positionM()).isBetween(90.0, 100.0);
            assertThat(fire.sensors()).containsExactlyInAnyOrder("t09", "t10");
        });
        assertThat(fixture.active(AlarmType.PRE_ALARM)).isEmpty();
    }
}
