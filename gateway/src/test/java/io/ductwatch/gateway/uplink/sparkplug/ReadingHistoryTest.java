package io.ductwatch.gateway.uplink.sparkplug;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.gateway.core.Quality;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outage history: cycles out in order, the oldest dropped and counted when full. */
class ReadingHistoryTest {

    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    private static List<Reading> cycle(int n) {
        Instant at = T0.plusSeconds(n);
        return List.of(Reading.ok("t01", Quantity.TEMPERATURE, n, at),
                Reading.fault("t02", Quantity.TEMPERATURE, Quality.NO_RESPONSE, at, "no presence pulse"));
    }

    @Test
    void cycles_come_out_in_order_with_their_values_and_quality() {
        ReadingHistory history = new ReadingHistory(100);
        history.add(cycle(0));
        history.add(cycle(1));

        List<Reading> first = history.takeCycle();
        assertThat(first).extracting(Reading::sensorId).containsExactly("t01", "t02");
        assertThat(first.get(0).value()).isEqualTo(0.0);
        assertThat(first.get(1).quality()).isEqualTo(Quality.NO_RESPONSE);
        assertThat(first.get(1).value()).isNaN();
        assertThat(history.takeCycle()).allSatisfy(r -> assertThat(r.at()).isEqualTo(T0.plusSeconds(1)));
        assertThat(history.takeCycle()).isEmpty();
        assertThat(history.dropped()).isZero();
    }

    @Test
    void a_full_history_drops_its_oldest_readings_and_counts_them() {
        ReadingHistory history = new ReadingHistory(5);
        for (int n = 0; n < 4; n++) {
            history.add(cycle(n));
        }
        assertThat(history.size()).isEqualTo(5);
        assertThat(history.dropped()).isEqualTo(3);
        assertThat(history.takeCycle()).singleElement().satisfies(r -> assertThat(r.sensorId()).isEqualTo("t02"));
        assertThat(history.takeCycle()).extracting(Reading::value).first().isEqualTo(2.0);
    }

    @Test
    void a_history_of_no_minutes_keeps_nothing() {
        ReadingHistory none = new ReadingHistory(0);
        none.add(cycle(0));
        assertThat(none.size()).isZero();
        assertThat(none.dropped()).isEqualTo(2);
        assertThat(none.takeCycle()).isEmpty();
    }
}
