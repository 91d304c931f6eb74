package io.ductwatch.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RAISED, ACKNOWLEDGED, CLEARED, RESET: every transition is an event; FIRE latches until reset. */
class AlarmLifecycleTest {

    private static final Duration STEP = Duration.ofSeconds(2);

    private EngineFixture fixture;

    @BeforeEach
    void quiet() {
        fixture = new EngineFixture();
        fixture.run(Duration.ofSeconds(30), STEP);
    }

    @Test
    void a_criterion_is_raised_then_cleared_when_it_goes() {
        fixture.set("t13", 70).run(Duration.ofSeconds(10), STEP);
        fixture.set("t13", 20).run(Duration.ofSeconds(70), STEP);

        assertThat(fixture.events).filteredOn(e -> e.type() == AlarmType.HEAT).extracting(AlarmEvent::event)
                .containsExactly(AlarmEventKind.RAISED, AlarmEventKind.CLEARED);
        assertThat(fixture.events).filteredOn(e -> e.type() == AlarmType.PRE_ALARM).extracting(AlarmEvent::event)
                .containsExactly(AlarmEventKind.RAISED, AlarmEventKind.CLEARED);
    }

    @Test
    void fire_latches_until_an_operator_resets_it() {
        fixture.set("t13", 70).set("s2", 15).run(Duration.ofSeconds(20), STEP);
        fixture.set("t13", 20).set("s2", 0).run(Duration.ofMinutes(5), STEP);

        assertThat(fixture.active(AlarmType.FIRE)).singleElement()
                .satisfies(fire -> assertThat(fire.conditionPresent()).isFalse());

        CommandResult result = fixture.engine.reset(Optional.of("Z2"), "control-room", fixture.now());

        assertThat(result.ok()).isTrue();
        assertThat(fixture.active(AlarmType.FIRE)).isEmpty();
        assertThat(fixture.events(AlarmType.FIRE, AlarmEventKind.RESET)).hasSize(1);
        assertThat(fixture.events(AlarmType.FIRE, AlarmEventKind.CLEARED)).isEmpty();
    }

    @Test
    void a_reset_while_the_fire_goes_on_is_refused_and_the_fire_stays_acknowledged() {
        fixture.set("t13", 70).set("s2", 15).run(Duration.ofSeconds(20), STEP);
        String first = fixture.active(AlarmType.FIRE).get(0).alarmId();
        fixture.engine.acknowledge(first, "control-room", fixture.now());

        CommandResult result = fixture.engine.reset(Optional.empty(), "control-room", fixture.now());

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).startsWith("still active: FIRE " + first + " in Z2");
        assertThat(fixture.events(AlarmType.FIRE, AlarmEventKind.RAISED)).hasSize(1);
        assertThat(fixture.events(AlarmType.FIRE, AlarmEventKind.RESET)).isEmpty();
        assertThat(fixture.active(AlarmType.FIRE)).singleElement().satisfies(fire -> {
            assertThat(fire.alarmId()).isEqualTo(first);
            assertThat(fire.acknowledged()).isTrue();
        });
    }

    @Test
    void acknowledging_keeps_the_alarm_and_says_so() {
        fixture.set("t13", 70).set("s2", 15).run(Duration.ofSeconds(20), STEP);
        String fire = fixture.active(AlarmType.FIRE).get(0).alarmId();

        assertThat(fixture.engine.acknowledge(fire, "technician", fixture.now()).ok()).isTrue();
        assertThat(fixture.engine.acknowledge(fire, "technician", fixture.now()).message()).contains("already");
        assertThat(fixture.engine.acknowledge("nope", "technician", fixture.now()).ok()).isFalse();

        assertThat(fixture.events(AlarmType.FIRE, AlarmEventKind.ACKNOWLEDGED)).singleElement()
                .satisfies(e -> assertThat(e.alarmId()).isEqualTo(fire));
        assertThat(fixture.active(AlarmType.FIRE)).singleElement()
                .satisfies(a -> assertThat(a.acknowledged()).isTrue());
    }

    @Test
    void every_event_carries_the_alarm_fields() {
        fixture.set("s2", 15).run(Duration.ofSeconds(20), STEP);

        AlarmEvent smoke = fixture.events(AlarmType.SMOKE, AlarmEventKind.RAISED).get(0);
        assertThat(smoke.zone()).isEqualTo("Z2");
        assertThat(smoke.positionM()).isEqualTo(125.0);
        assertThat(smoke.sensors()).containsExactly("s2");
        assertThat(smoke.value()).isEqualTo(15.0);
        assertThat(smoke.unit()).isEqualTo("%/m");
        assertThat(smoke.reason()).contains("15.0 %/m at s2");
        assertThat(smoke.test()).isFalse();
    }

    @Test
    void smoke_needs_its_debounce_and_clears_with_hysteresis() {
        // Readings every 2 s; the 5 s debounce counts from the first reading past the threshold.
        fixture.set("s2", 15).run(Duration.ofSeconds(6), STEP);
        assertThat(fixture.events(AlarmType.SMOKE, AlarmEventKind.RAISED)).isEmpty();
        fixture.run(Duration.ofSeconds(2), STEP);
        assertThat(fixture.events(AlarmType.SMOKE, AlarmEventKind.RAISED)).hasSize(1);

        fixture.set("s2", 7).run(Duration.ofSeconds(30), STEP);
        assertThat(fixture.events(AlarmType.SMOKE, AlarmEventKind.CLEARED)).as("7 %/m is above clear 5").isEmpty();
        fixture.set("s2", 4).run(Duration.ofSeconds(6), STEP);
        assertThat(fixture.events(AlarmType.SMOKE, AlarmEventKind.CLEARED)).isEmpty();
        fixture.run(Duration.ofSeconds(2), STEP);
        assertThat(fixture.events(AlarmType.SMOKE, AlarmEventKind.CLEARED)).hasSize(1);
    }

    @Test
    void a_door_is_supervisory_and_water_is_water() {
        fixture.edge("door", true);
        fixture.set("lvl1", 80).set("w0", 1).run(Duration.ofSeconds(20), STEP);

        assertThat(fixture.active(AlarmType.SUPERVISORY)).extracting(ActiveAlarm::reason).containsExactly("door open");
        assertThat(fixture.active(AlarmType.WATER)).extracting(a -> a.sensors().get(0))
                .containsExactlyInAnyOrder("lvl1", "w0");
        assertThat(fixture.active(AlarmType.PRE_ALARM)).isEmpty();
    }

    @Test
    void hours_of_quiet_duct_raise_nothing() {
        fixture.run(Duration.ofHours(6), Duration.ofSeconds(5));

        assertThat(fixture.events).isEmpty();
    }
}
