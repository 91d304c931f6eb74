package io.ductwatch.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Where a run's virtual time starts: fixed, so summaries repeat; at real-time speed, now. */
class ScenarioStartTest {

    private static final Clock WALL = Clock.fixed(Instant.parse("2026-12-02T06:10:42.345Z"), ZoneOffset.UTC);

    @Test
    void at_speed_one_virtual_time_starts_at_the_wall_clock_so_real_commands_are_fresh() {
        assertThat(ScenarioRun.startOf(1, WALL)).isEqualTo(Instant.parse("2026-12-02T06:10:42Z"));
    }

    @Test
    void at_any_other_speed_it_starts_at_the_fixed_instant() {
        assertThat(ScenarioRun.startOf(0, WALL)).isEqualTo(ScenarioRun.START);
        assertThat(ScenarioRun.startOf(10, WALL)).isEqualTo(ScenarioRun.START);
    }
}
