package io.ductwatch.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A zone's one criterion becomes a FIRE when a second heat sensor near the located fire rises against the duct
 * (HeatCorroboration: 3 K above its baseline at 3 K/min, within 25 m), long before that sensor's probe meets
 * its own criterion; never on the rise alone, never from afar, never from a faulty sensor. Example site: s2 at
 * 125 m and t12 at 120 m in Z2, t02 at 20 m in Z1.
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
}
