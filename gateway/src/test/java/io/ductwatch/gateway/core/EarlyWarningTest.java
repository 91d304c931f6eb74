package io.ductwatch.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.config.SensorConfig;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Before any sensor meets its criterion, a heat sensor rising against the duct (Corroboration.WARN_*: 1 K
 * above its baseline at 2 K/min or more over the last half-minute, against the duct's reference) is a PRE_ALARM in
 * the zone where the duct's profile puts the fire: a warning a minute before its probe reaches its own criterion, never a FIRE. Example
 * site: heat every 10 m (t12 at 120 m in Z2, t09 at 90 m in Z1, t10 at 100 m on the zones' boundary).
 */
class EarlyWarningTest {

    private static EngineFixture baselined() {
        EngineFixture fixture = new EngineFixture();
        fixture.run(Duration.ofSeconds(90), Duration.ofSeconds(2));
        return fixture;
    }

    /** Runs the fixture for {@code seconds} while the sensors rise at {@code kPerMin} from 20 °C, 2 s a cycle. */
    private static void ramp(EngineFixture fixture, List<String> heatIds, double kPerMin, int seconds) {
        for (int i = 1; i <= seconds / 2; i++) {
            for (String id : heatIds) {
                fixture.set(id, 20.0 + kPerMin * i * 2 / 60.0);
            }
            fixture.run(Duration.ofSeconds(2), Duration.ofSeconds(2));
        }
    }

    @Test
    void one_sensor_rising_against_the_duct_warns_before_it_meets_its_criterion() {
        EngineFixture fixture = baselined();

        ramp(fixture, List.of("t12"), 3, 60);

        assertThat(fixture.events(AlarmType.PRE_ALARM, AlarmEventKind.RAISED)).singleElement().satisfies(pre -> {
            assertThat(pre.zone()).isEqualTo("Z2");
            assertThat(pre.sensors()).containsExactly("t12");
            assertThat(pre.reason()).startsWith("t12 ").contains("K above its baseline")
                    .endsWith("a local rise of heat in Z2, no criterion met yet");
        });
        assertThat(fixture.active(AlarmType.HEAT)).as("3 K/min, 3 K: below A1R's 4.5 K/min and 10 K").isEmpty();
        assertThat(fixture.active(AlarmType.FIRE)).as("a warning, never a FIRE").isEmpty();
    }

    @Test
    void the_warning_comes_as_the_sensor_passes_its_rise_and_rate() {
        EngineFixture below = baselined();
        ramp(below, List.of("t12"), 3, 16);
        assertThat(below.active(AlarmType.PRE_ALARM)).as("0.8 K above its baseline").isEmpty();

        EngineFixture above = baselined();
        ramp(above, List.of("t12"), 3, 40);
        assertThat(above.active(AlarmType.PRE_ALARM)).as("2 K above, at 3 K/min over the last half-minute")
                .hasSize(1);
    }

    @Test
    void a_growing_fires_rise_warns_on_its_rate_of_the_last_half_minute() {
        EngineFixture fixture = baselined();

        // A growing fire's probe accelerates: 20 + 0.00075 t^2 °C, 1.2 K up after 40 s, rising 3.6 K/min then. The
        // last half-minute's slope is 2.25 K/min (the rate 15 s ago); the minute's, half of it flat, under 0.9.
        for (int t = 2; t <= 40; t += 2) {
            fixture.set("t12", 20.0 + 0.00075 * t * t).run(Duration.ofSeconds(2), Duration.ofSeconds(2));
        }

        assertThat(fixture.events(AlarmType.PRE_ALARM, AlarmEventKind.RAISED)).singleElement()
                .satisfies(pre -> assertThat(pre.sensors()).containsExactly("t12"));
    }

    @Test
    void the_warning_stays_while_the_sensor_stays_warm_and_clears_when_it_cools() {
        EngineFixture fixture = baselined();
        ramp(fixture, List.of("t12"), 3, 60);

        fixture.run(Duration.ofSeconds(120), Duration.ofSeconds(2));
        assertThat(fixture.active(AlarmType.PRE_ALARM)).as("warm, no longer rising").hasSize(1);
        assertThat(fixture.events(AlarmType.PRE_ALARM, AlarmEventKind.RAISED)).hasSize(1);

        fixture.set("t12", 20.0);
        fixture.run(Duration.ofSeconds(10), Duration.ofSeconds(2));
        assertThat(fixture.active(AlarmType.PRE_ALARM)).isEmpty();
        assertThat(fixture.events(AlarmType.PRE_ALARM, AlarmEventKind.CLEARED)).hasSize(1);
    }

    @Test
    void smoke_loops_reading_their_noise_do_not_locate_a_warning() {
        EngineFixture fixture = baselined();
        fixture.set("s0", 0.6).set("s3", 0.4); // 4-20 mA noise: a few hundredths of the 10 %/m alarm level

        ramp(fixture, List.of("t12"), 3, 60);

        assertThat(fixture.events(AlarmType.PRE_ALARM, AlarmEventKind.RAISED)).singleElement().satisfies(pre -> {
            assertThat(pre.zone()).isEqualTo("Z2");
            assertThat(pre.positionM()).as("at the rising sensor, not between the noisy loops").isEqualTo(120.0);
        });
    }

    @Test
    void a_warning_is_in_the_zone_where_the_fire_is_located() {
        EngineFixture fixture = baselined();

        ramp(fixture, List.of("t09"), 3, 60);

        assertThat(fixture.events(AlarmType.PRE_ALARM, AlarmEventKind.RAISED)).singleElement()
                .satisfies(pre -> assertThat(pre.zone()).isEqualTo("Z1"));
    }

    @Test
    void a_cold_sensor_catching_up_with_the_duct_is_no_warning() {
        EngineFixture fixture = new EngineFixture();
        fixture.set("t12", 17.0);
        fixture.run(Duration.ofMinutes(5), Duration.ofSeconds(2));

        // 3 K below the rest, then stirred up to them at 3 K/min: 3 K above its baseline, never above the duct.
        for (int i = 1; i <= 30; i++) {
            fixture.set("t12", 17.0 + 3.0 * i / 30);
            fixture.run(Duration.ofSeconds(2), Duration.ofSeconds(2));
        }
        fixture.run(Duration.ofSeconds(60), Duration.ofSeconds(2));

        assertThat(fixture.events(AlarmType.PRE_ALARM, AlarmEventKind.RAISED)).isEmpty();
    }

    @Test
    void a_standing_fires_heat_reaching_the_next_zone_is_no_warning_there() {
        EngineFixture fixture = baselined();
        fixture.set("t09", 70.0).set("s1", 15.0);
        fixture.run(Duration.ofSeconds(10), Duration.ofSeconds(2));
        assertThat(fixture.active(AlarmType.FIRE)).singleElement()
                .satisfies(fire -> assertThat(fire.zone()).isEqualTo("Z1"));
        fixture.set("t09", 20.0).set("s1", 0.0);
        fixture.run(Duration.ofSeconds(30), Duration.ofSeconds(2));

        ramp(fixture, List.of("t11"), 3, 60);

        assertThat(fixture.active(AlarmType.FIRE)).as("latched").hasSize(1);
        assertThat(fixture.events(AlarmType.PRE_ALARM, AlarmEventKind.RAISED).stream()
                .filter(e -> e.zone().equals("Z2"))).as("Z1's fire, 20 m away").isEmpty();
    }

    @Test
    void without_a_duct_reference_to_judge_against_nothing_warns() {
        EngineFixture fixture = new EngineFixture();
        fixture.site.sensors().stream().filter(s -> s.kind() == SensorConfig.Kind.HEAT)
                .filter(s -> !List.of("t11", "t12", "t13", "t14").contains(s.id()))
                .forEach(s -> fixture.fail(s.id(), Quality.NO_RESPONSE));
        fixture.run(Duration.ofSeconds(90), Duration.ofSeconds(2));

        ramp(fixture, List.of("t12"), 3, 60);

        assertThat(fixture.events(AlarmType.PRE_ALARM, AlarmEventKind.RAISED)).as("four heat sensors read").isEmpty();
    }

    @Test
    void a_warning_keeps_its_zone_while_the_estimate_wobbles_across_the_boundary() {
        EngineFixture fixture = baselined();
        ramp(fixture, List.of("t10"), 3, 60);
        assertThat(fixture.active(AlarmType.PRE_ALARM)).singleElement()
                .satisfies(pre -> assertThat(pre.zone()).isEqualTo("Z2"));

        // t09, 10 m upstream, warms a little: the profile puts the fire just inside Z1.
        for (double t09 = 20.0; t09 <= 21.0; t09 += 0.1) {
            fixture.set("t09", t09).set("t10", 23.0);
            fixture.run(Duration.ofSeconds(2), Duration.ofSeconds(2));
        }
        assertThat(fixture.active(AlarmType.PRE_ALARM)).as("still the one in Z2").singleElement()
                .satisfies(pre -> assertThat(pre.zone()).isEqualTo("Z2"));
        assertThat(fixture.events(AlarmType.PRE_ALARM, AlarmEventKind.RAISED)).hasSize(1);
    }

    @Test
    void the_whole_duct_warming_is_no_warning() {
        EngineFixture fixture = baselined();
        List<String> all = fixture.site.sensors().stream()
                .filter(s -> s.kind() == SensorConfig.Kind.HEAT).map(SensorConfig::id).toList();

        ramp(fixture, all, 6, 120);

        assertThat(fixture.active(AlarmType.PRE_ALARM)).isEmpty();
        assertThat(fixture.events(AlarmType.PRE_ALARM, AlarmEventKind.RAISED)).isEmpty();
    }

    @Test
    void a_rise_too_slow_at_a_disabled_sensor_or_before_a_baseline_is_no_warning() {
        EngineFixture slow = baselined();
        ramp(slow, List.of("t12"), 1.8, 180);
        assertThat(slow.events(AlarmType.PRE_ALARM, AlarmEventKind.RAISED)).as("1.8 K/min for 3 min").isEmpty();

        EngineFixture disabled = baselined();
        assertThat(disabled.engine.disable("t12", disabled.now().plus(Duration.ofHours(1)), "control-room",
                disabled.now()).ok()).isTrue();
        ramp(disabled, List.of("t12"), 3, 60);
        assertThat(disabled.active(AlarmType.PRE_ALARM)).as("t12 disabled").isEmpty();

        EngineFixture starting = new EngineFixture();
        ramp(starting, List.of("t12"), 3, 50);
        assertThat(starting.events(AlarmType.PRE_ALARM, AlarmEventKind.RAISED))
                .as("its first minute of readings: no baseline yet").isEmpty();
    }

    @Test
    void a_sensor_back_from_a_fault_warns_only_once_it_has_a_new_baseline() {
        EngineFixture fixture = baselined();
        fixture.fail("t12", Quality.CRC_ERROR);
        fixture.run(Duration.ofSeconds(20), Duration.ofSeconds(2));

        ramp(fixture, List.of("t12"), 3, 40);

        assertThat(fixture.events(AlarmType.PRE_ALARM, AlarmEventKind.RAISED)).isEmpty();
    }

    @Test
    void an_hour_of_reading_noise_and_quantisation_raises_nothing() {
        EngineFixture fixture = new EngineFixture();
        List<String> heat = fixture.site.sensors().stream()
                .filter(s -> s.kind() == SensorConfig.Kind.HEAT).map(SensorConfig::id).toList();
        Random random = new Random(7);
        for (int i = 0; i < 1800; i++) {
            for (String id : heat) {
                // 12 bits (1/16 K) over a 0.15 K Gaussian: three times the DS18B20's noise.
                fixture.set(id, Math.round((20.0 + 0.15 * random.nextGaussian()) * 16) / 16.0);
            }
            fixture.run(Duration.ofSeconds(2), Duration.ofSeconds(2));
        }

        assertThat(fixture.events(AlarmType.PRE_ALARM, AlarmEventKind.RAISED)).isEmpty();
    }
}
