package io.ductwatch.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TROUBLE for every fault, within 100 s (stuck: 15 minutes, against the neighbours), cleared when it goes. */
class TroubleTest {

    private static final Duration STEP = Duration.ofSeconds(2);

    private EngineFixture fixture;

    @BeforeEach
    void quiet() {
        fixture = new EngineFixture();
        fixture.run(Duration.ofSeconds(30), STEP);
    }

    private AlarmEvent troubleRaisedFor(String sensorId) {
        return fixture.events(AlarmType.TROUBLE, AlarmEventKind.RAISED).stream()
                .filter(e -> e.sensors().contains(sensorId)).findFirst()
                .orElseThrow(() -> new AssertionError("no TROUBLE for " + sensorId + ": " + fixture.events));
    }

    @ParameterizedTest
    @EnumSource(value = Quality.class, names = {"CRC_ERROR", "NO_RESPONSE", "OUT_OF_RANGE"})
    void a_failing_sensor_is_trouble_within_100_s_and_clears_when_it_reads_again(Quality quality) {
        Instant faultAt = fixture.now();
        fixture.fail("t07", quality).run(Duration.ofSeconds(100), STEP);

        AlarmEvent trouble = troubleRaisedFor("t07");
        assertThat(Duration.between(faultAt, trouble.at())).isLessThanOrEqualTo(Duration.ofSeconds(100));
        assertThat(trouble.reason()).contains("t07").contains(quality.name());

        fixture.set("t07", 20).run(Duration.ofSeconds(90), STEP);
        assertThat(fixture.events(AlarmType.TROUBLE, AlarmEventKind.CLEARED)).hasSize(1);
    }

    @Test
    void an_intermittent_fault_is_trouble_too() {
        for (int i = 0; i < 30; i++) {
            fixture.fail("s1", Quality.CRC_ERROR).run(STEP, STEP);
            fixture.set("s1", 0).run(STEP, STEP);
        }
        assertThat(troubleRaisedFor("s1").reason()).contains("reads failed");
    }

    @Test
    void a_sensor_that_says_nothing_at_all_is_trouble() {
        EngineFixture silent = new EngineFixture();
        silent.advance(Duration.ofSeconds(61));
        silent.engine.tick(silent.now());

        assertThat(silent.active(AlarmType.TROUBLE)).hasSize(silent.site.sensors().size());
        assertThat(silent.active(AlarmType.TROUBLE).get(0).reason()).contains("no good reading for 61 s");
    }

    @Test
    void mains_lost_and_battery_low_are_trouble_at_once() {
        fixture.edge("mains", true);
        fixture.edge("battery", true);

        assertThat(fixture.active(AlarmType.TROUBLE)).extracting(ActiveAlarm::reason)
                .containsExactlyInAnyOrder("mains power lost (mains)", "battery low (battery)");
        fixture.edge("mains", false);
        assertThat(fixture.active(AlarmType.TROUBLE)).hasSize(1);
    }

    @Test
    void a_quiet_duct_is_not_stuck() {
        fixture.run(Duration.ofMinutes(40), STEP);

        assertThat(fixture.active(AlarmType.TROUBLE)).isEmpty();
    }

    @Test
    void a_sensor_frozen_while_its_neighbours_move_is_stuck_within_15_minutes() {
        Random noise = new Random(3);
        Instant frozenAt = fixture.now();
        Instant end = frozenAt.plus(Duration.ofMinutes(20));
        while (fixture.now().isBefore(end) && fixture.active(AlarmType.TROUBLE).isEmpty()) {
            for (int i = 0; i <= 20; i++) {
                String id = String.format("t%02d", i);
                if (i != 7) {
                    fixture.set(id, Math.round((20 + noise.nextGaussian() * 0.05) * 16) / 16.0);
                }
            }
            fixture.set("t07", 20.125);
            fixture.run(STEP, STEP);
        }

        AlarmEvent stuck = troubleRaisedFor("t07");
        assertThat(Duration.between(frozenAt, stuck.at())).isLessThanOrEqualTo(Duration.ofMinutes(15).plusSeconds(4));
        assertThat(stuck.reason()).contains("stuck at 20.125").contains("t06").contains("STUCK");
        assertThat(fixture.active(AlarmType.TROUBLE)).hasSize(1);
    }

    @Test
    void a_stuck_sensor_never_counts_towards_fire() {
        Random noise = new Random(5);
        for (int step = 0; step < 500; step++) {
            for (int i = 0; i <= 20; i++) {
                fixture.set(String.format("t%02d", i), 20 + noise.nextGaussian() * 0.05);
            }
            fixture.set("t13", 70.0); // frozen on a high value, as a broken sensor might be
            fixture.run(STEP, STEP);
        }
        fixture.set("s2", 15).run(Duration.ofSeconds(20), STEP);

        assertThat(fixture.active(AlarmType.FIRE)).isEmpty();
        assertThat(fixture.active(AlarmType.PRE_ALARM)).singleElement()
                .satisfies(pre -> assertThat(pre.sensors()).containsExactly("s2"));
    }

    @Test
    void system_conditions_are_troubles_of_the_gateway() {
        fixture.engine.setCondition("storage", AlarmType.TROUBLE, true, "store 93 % full", fixture.now());
        assertThat(fixture.active(AlarmType.TROUBLE)).singleElement().satisfies(t -> {
            assertThat(t.zone()).isEmpty();
            assertThat(t.reason()).isEqualTo("store 93 % full");
        });
        fixture.engine.setCondition("storage", AlarmType.TROUBLE, false, "", fixture.now());
        assertThat(fixture.active(AlarmType.TROUBLE)).isEmpty();
    }
}
