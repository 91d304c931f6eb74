package io.ductwatch.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.config.OutputConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Disablement and test mode: SUPERVISORY while they last, audited, ended by expiry or by enable. */
class DisableAndTestTest {

    private static final Duration STEP = Duration.ofSeconds(2);

    private EngineFixture fixture;

    @BeforeEach
    void quiet() {
        fixture = new EngineFixture();
        fixture.run(Duration.ofSeconds(30), STEP);
    }

    @Test
    void a_disabled_sensor_raises_nothing_until_its_disablement_expires() {
        Instant until = fixture.now().plus(Duration.ofMinutes(10));
        assertThat(fixture.engine.disable("t13", until, "control-room", fixture.now()).ok()).isTrue();

        fixture.set("t13", 70).fail("t14", Quality.NO_RESPONSE).run(Duration.ofMinutes(2), STEP);
        assertThat(fixture.active(AlarmType.HEAT)).isEmpty();
        assertThat(fixture.active(AlarmType.SUPERVISORY)).singleElement()
                .satisfies(s -> assertThat(s.reason()).contains("t13 disabled by control-room"));

        fixture.run(Duration.ofMinutes(9), STEP);
        assertThat(fixture.active(AlarmType.SUPERVISORY)).isEmpty();
        assertThat(fixture.active(AlarmType.HEAT)).extracting(a -> a.sensors().get(0)).containsExactly("t13");
        assertThat(fixture.audits).extracting(AuditEntry::command, AuditEntry::target, AuditEntry::operator)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("disable", "t13", "control-room"),
                        org.assertj.core.groups.Tuple.tuple("enable", "t13", "gateway"));
    }

    @Test
    void a_disabled_zone_makes_no_fire_and_enable_ends_it() {
        fixture.engine.disable("Z2", fixture.now().plus(Duration.ofHours(1)), "control-room", fixture.now());
        fixture.set("t13", 70).set("s2", 15).run(Duration.ofSeconds(30), STEP);
        assertThat(fixture.active(AlarmType.FIRE)).isEmpty();

        assertThat(fixture.engine.enable("Z2", "control-room", fixture.now()).ok()).isTrue();
        fixture.run(Duration.ofSeconds(30), STEP);
        assertThat(fixture.active(AlarmType.FIRE)).hasSize(1);
    }

    @Test
    void a_zone_in_test_raises_test_alarms_that_drive_no_output() {
        fixture.engine.test("Z2", fixture.now().plus(Duration.ofMinutes(30)), "technician", fixture.now());
        fixture.set("t13", 70).set("s2", 15).run(Duration.ofSeconds(30), STEP);

        assertThat(fixture.active(AlarmType.FIRE)).singleElement().satisfies(f -> assertThat(f.test()).isTrue());
        assertThat(fixture.events(AlarmType.FIRE, AlarmEventKind.RAISED).get(0).test()).isTrue();
        assertThat(OutputPolicy.decide(fixture.site.outputs(), fixture.engine.activeAlarms()))
                .containsEntry("siren", false).containsEntry("panel", false);

        fixture.set("t13", 20).set("s2", 0).run(Duration.ofMinutes(2), STEP);
        assertThat(fixture.active(AlarmType.FIRE)).as("a FIRE in test does not latch").isEmpty();
    }

    @Test
    void bad_commands_are_refused_and_audited() {
        Instant now = fixture.now();
        assertThat(fixture.engine.disable("t99", now.plusSeconds(60), "x", now).ok()).isFalse();
        assertThat(fixture.engine.disable("t13", now.minusSeconds(1), "x", now).message()).contains("not in the future");
        assertThat(fixture.engine.disable("t13", now.plus(Duration.ofDays(8)), "x", now).message()).contains("7 days");
        assertThat(fixture.engine.test("t13", now.plusSeconds(60), "x", now).message()).contains("test takes a zone");
        assertThat(fixture.engine.enable("Z1", "x", now).ok()).isFalse();
        assertThat(fixture.engine.reset(Optional.of("Z9"), "x", now).ok()).isFalse();
        assertThat(fixture.audits).hasSize(6).allSatisfy(a -> assertThat(a.accepted()).isFalse());
        assertThat(fixture.events).isEmpty();
    }

    @Test
    void outputs_follow_fire_and_silence_stops_only_the_siren() {
        fixture.set("t13", 70).set("s2", 15).run(Duration.ofSeconds(20), STEP);
        assertThat(OutputPolicy.decide(fixture.site.outputs(), fixture.engine.activeAlarms()))
                .containsEntry("siren", true).containsEntry("panel", true).containsEntry("fan", false);

        fixture.engine.silence("technician", fixture.now());
        assertThat(OutputPolicy.decide(fixture.site.outputs(), fixture.engine.activeAlarms()))
                .containsEntry("siren", false).containsEntry("panel", true);
        assertThat(fixture.active(AlarmType.FIRE)).hasSize(1);

        fixture.edge("mcp0", true); // a new FIRE in Z1 sounds the siren again
        assertThat(OutputPolicy.decide(fixture.site.outputs(), fixture.engine.activeAlarms()))
                .containsEntry("siren", true);
    }

    @Test
    void the_fan_runs_on_co_but_stops_for_fire() {
        fixture.set("co0", 80).run(Duration.ofSeconds(20), STEP);
        assertThat(OutputPolicy.decide(fixture.site.outputs(), fixture.engine.activeAlarms())).containsEntry("fan", true);

        fixture.set("t15", 70).run(Duration.ofSeconds(10), STEP);
        assertThat(fixture.active(AlarmType.FIRE)).hasSize(1);
        assertThat(OutputPolicy.decide(fixture.site.outputs(), fixture.engine.activeAlarms())).containsEntry("fan", false);
    }

    @Test
    void every_output_of_the_example_is_decided() {
        assertThat(OutputPolicy.decide(fixture.site.outputs(), fixture.engine.activeAlarms()).keySet())
                .containsExactlyElementsOf(fixture.site.outputs().stream().map(OutputConfig::id).toList());
    }
}
