package io.ductwatch.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A FIRE's estimate follows the fire (DESIGN 2.2): UPDATED events as its position, its sensors or the
 * stretch it covers change, at most one per sampling cycle; the extent and which way it spreads.
 */
class FireEstimateTest {

    private static final Duration STEP = Duration.ofSeconds(2);

    @Test
    void a_fire_spreading_downstream_is_updated_with_its_sensors_and_extent() {
        EngineFixture fixture = new EngineFixture();
        fixture.run(Duration.ofMinutes(5), STEP);
        fixture.set("t13", 70).set("t14", 70).run(Duration.ofSeconds(10), STEP);
        AlarmEvent raised = fixture.events(AlarmType.FIRE, AlarmEventKind.RAISED).get(0);
        assertThat(raised.extent()).isEqualTo(new Extent(130, 140, Extent.Spread.NONE));

        fixture.set("t15", 70).run(Duration.ofSeconds(10), STEP);
        fixture.set("t16", 70).run(Duration.ofSeconds(10), STEP);

        List<AlarmEvent> updates = fixture.events(AlarmType.FIRE, AlarmEventKind.UPDATED);
        assertThat(updates).isNotEmpty().allSatisfy(u -> assertThat(u.alarmId()).isEqualTo(raised.alarmId()));
        AlarmEvent last = updates.get(updates.size() - 1);
        assertThat(last.sensors()).containsExactlyInAnyOrder("t13", "t14", "t15", "t16");
        assertThat(last.extent()).isEqualTo(new Extent(130, 160, Extent.Spread.DOWNSTREAM));
        assertThat(fixture.active(AlarmType.FIRE)).singleElement()
                .satisfies(f -> assertThat(f.extent()).isEqualTo(last.extent()));
        Map<Instant, Long> perInstant = updates.stream().collect(Collectors.groupingBy(AlarmEvent::at,
                Collectors.counting()));
        assertThat(perInstant.values()).as("at most one UPDATED per sampling cycle").allMatch(n -> n == 1);
    }

    @Test
    void a_steady_fire_sends_no_updates() {
        EngineFixture fixture = new EngineFixture();
        fixture.run(Duration.ofMinutes(5), STEP);
        fixture.set("t13", 70).set("t14", 70).run(Duration.ofSeconds(10), STEP);
        int after = fixture.events(AlarmType.FIRE, AlarmEventKind.UPDATED).size();

        fixture.run(Duration.ofMinutes(2), STEP);

        assertThat(fixture.events(AlarmType.FIRE, AlarmEventKind.UPDATED)).hasSize(after);
    }

    @Test
    void a_call_points_fire_stays_at_the_call_point() {
        EngineFixture fixture = new EngineFixture();
        fixture.run(Duration.ofMinutes(5), STEP);
        fixture.edge("mcp0", true);
        fixture.set("t01", 70).set("t02", 70).run(Duration.ofSeconds(20), STEP);

        assertThat(fixture.events(AlarmType.FIRE, AlarmEventKind.UPDATED)).isEmpty();
        assertThat(fixture.active(AlarmType.FIRE)).singleElement()
                .satisfies(f -> assertThat(f.positionM()).isEqualTo(0.0));
    }

    @Test
    void a_fire_whose_hottest_sensors_leave_their_range_stays_located_among_them() {
        EngineFixture fixture = new EngineFixture();
        fixture.run(Duration.ofMinutes(5), STEP);
        fixture.set("t13", 90).set("t14", 110).set("t15", 90).run(Duration.ofSeconds(20), STEP);
        double raisedAt = fixture.active(AlarmType.FIRE).get(0).positionM();
        assertThat(raisedAt).isBetween(125.0, 145.0);

        // An hour into the fire: the three sensors at the seat are past 125 °C (out of range), the whole duct
        // beyond has warmed, most of all downstream.
        fixture.fail("t13", Quality.OUT_OF_RANGE).fail("t14", Quality.OUT_OF_RANGE).fail("t15", Quality.OUT_OF_RANGE);
        for (int i = 0; i <= 20; i++) {
            String id = String.format("t%02d", i);
            if (i < 13) {
                fixture.set(id, 32);
            } else if (i > 15) {
                fixture.set(id, 60);
            }
        }
        fixture.run(Duration.ofMinutes(10), STEP);

        assertThat(fixture.active(AlarmType.FIRE)).singleElement()
                .satisfies(f -> assertThat(f.positionM()).as("still at the seat, not where the warm duct is")
                        .isBetween(raisedAt - 10, raisedAt + 10));
    }

    @Test
    void the_estimate_stays_near_where_the_fire_was_found_while_hot_gas_fills_the_duct_downstream() {
        EngineFixture fixture = new EngineFixture();
        fixture.run(Duration.ofMinutes(5), STEP);
        fixture.set("t03", 70).set("t04", 60).run(Duration.ofSeconds(10), STEP);
        AlarmEvent raised = fixture.events(AlarmType.FIRE, AlarmEventKind.RAISED).get(0);

        // The growing fire's hot layer, hotter downstream than at the seat (the seat's probes behind the pool, the
        // plume bent onto the ceiling farther on): the model's shape, decaying downstream, fitted to the whole duct
        // would put the fire among the hottest, 60-90 m from where it was found.
        for (int i = 5; i <= 12; i++) {
            fixture.set(String.format("t%02d", i), i <= 8 ? 60 : 120);
        }
        fixture.run(Duration.ofSeconds(30), STEP);

        assertThat(raised.positionM()).isBetween(30.0, 40.0);
        assertThat(fixture.active(AlarmType.FIRE)).singleElement().satisfies(f -> assertThat(f.positionM())
                .as("within 40 m of the sensors that found it (30-40 m)").isBetween(30.0 - 40, 40.0 + 40));
    }
}
