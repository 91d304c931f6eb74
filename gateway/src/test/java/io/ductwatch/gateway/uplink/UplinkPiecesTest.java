package io.ductwatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.gateway.core.Outbox.Lane;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The uplink's small pieces on their own: backoff, pacing, the publish window. */
class UplinkPiecesTest {

    @Test
    void backoff_doubles_from_one_second_to_a_minute_with_a_quarter_of_jitter_and_starts_over_when_connected() {
        ReconnectBackoff backoff = new ReconnectBackoff(new Random(42));
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            waits.add(backoff.next(false).toMillis());
        }
        long[] bases = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000};
        for (int i = 0; i < bases.length; i++) {
            assertThat(waits.get(i)).as("wait %d", i).isBetween(bases[i] * 3 / 4, bases[i] * 5 / 4);
        }
        assertThat(waits.stream().distinct().count()).as("jittered, not the same every time").isEqualTo(9);

        backoff.reset();
        assertThat(backoff.next(false).toMillis()).isBetween(750L, 1250L);
    }

    @Test
    void backoff_waits_at_most_five_seconds_while_an_alarm_waits() {
        ReconnectBackoff backoff = new ReconnectBackoff(new Random(7));
        for (int i = 0; i < 10; i++) {
            assertThat(backoff.next(true)).isLessThanOrEqualTo(Duration.ofMillis(6250));
        }
        assertThat(backoff.next(false)).isGreaterThanOrEqualTo(Duration.ofSeconds(45));
        assertThat(backoff.forAlarm()).isBetween(Duration.ofMillis(3750), Duration.ofMillis(6250));
    }

    @Test
    void a_row_of_gateways_losing_their_broker_together_comes_back_spread_out_whatever_the_draws() {
        for (int gateways : new int[] {10, 50}) {
            for (long seed = 0; seed < 500; seed++) {
                Random random = new Random(seed);
                List<Double> back = new ArrayList<>();
                for (int i = 0; i < gateways; i++) {
                    int slot = ReconnectBackoff.slotOf("example-duct", i * 200.0, 200);
                    back.add(new ReconnectBackoff(random, slot).afterLoss(false).toNanos() / 1e9);
                }
                back.sort(Double::compare);
                assertThat(back.get(back.size() - 1) - back.get(0)).as("spread, %d gateways, seed %d", gateways, seed)
                        .isGreaterThanOrEqualTo(10.0);
                int most = 0;
                for (int i = 0, j = 0; i < back.size(); i++) {
                    while (back.get(i) - back.get(j) >= 1.0) {
                        j++;
                    }
                    most = Math.max(most, i - j + 1);
                }
                assertThat(most).as("most in one second, %d gateways, seed %d", gateways, seed)
                        .isLessThanOrEqualTo(gateways / 4);
            }
        }
    }

    @Test
    void neighbouring_sections_take_neighbouring_slots_and_an_alarm_goes_at_once() {
        int first = ReconnectBackoff.slotOf("example-duct", 0, 200);
        assertThat(ReconnectBackoff.slotOf("example-duct", 200, 200)).isEqualTo((first + 1) % ReconnectBackoff.SLOTS);
        ReconnectBackoff backoff = new ReconnectBackoff(new Random(3), 5);
        assertThat(backoff.afterLoss(false)).isBetween(Duration.ofMillis(7500), Duration.ofMillis(9000));
        assertThat(backoff.afterLoss(true)).isZero();
    }

    @Test
    void after_a_loss_the_broker_refusing_moves_the_next_tries_by_whole_slot_cycles_keeping_the_spread() {
        ReconnectBackoff backoff = new ReconnectBackoff(new Random(11), 3);
        backoff.afterLoss(false);
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waits.add(backoff.next(false).toMillis());
        }
        assertThat(waits).containsExactly(18_000L, 36_000L, 54_000L, 72_000L, 72_000L);
        assertThat(backoff.next(true)).as("an alarm waiting").isLessThanOrEqualTo(Duration.ofMillis(6250));
        backoff.reset();
        assertThat(backoff.next(false).toMillis()).as("connected again: the start's backoff").isBetween(750L, 1250L);
    }

    @Test
    void the_same_seed_gives_the_same_waits() {
        ReconnectBackoff a = new ReconnectBackoff(new Random(1));
        ReconnectBackoff b = new ReconnectBackoff(new Random(1));
        for (int i = 0; i < 5; i++) {
            assertThat(a.next(false)).isEqualTo(b.next(false));
        }
    }

    @Test
    void the_pacer_lets_a_second_s_worth_go_at_once_then_refills_with_time_and_never_beyond_a_second() {
        ReplayPacer pacer = new ReplayPacer(5000);
        assertThat(pacer.available(10_000)).isEqualTo(5000);
        pacer.took(5000);
        assertThat(pacer.available(10_000)).isZero();
        assertThat(pacer.available(10_100)).isEqualTo(500);
        pacer.took(200);
        assertThat(pacer.available(10_100)).isEqualTo(300);
        assertThat(pacer.available(60_000)).as("an idle minute banks one second, no more").isEqualTo(5000);
    }

    @Test
    void the_window_has_room_for_its_size_and_names_the_oldest_message_past_its_timeout() {
        PublishWindow window = new PublishWindow(3);
        window.sent(1, Lane.READING, 1000);
        window.sent(2, Lane.ALARM, 1500);
        assertThat(window.room()).isEqualTo(1);
        assertThat(window.contains(2)).isTrue();
        assertThat(window.overdue(10_000, 10_000)).isEmpty();
        assertThat(window.overdue(11_001, 10_000)).hasValueSatisfying(o -> {
            assertThat(o.seq()).isEqualTo(1);
            assertThat(o.lane()).isEqualTo(Lane.READING);
        });

        assertThat(window.acknowledged(1)).isTrue();
        assertThat(window.acknowledged(1)).as("a second PUBACK for it, or one from an old connection").isFalse();
        assertThat(window.overdue(11_001, 10_000)).isEmpty();
        assertThat(window.overdue(11_501, 10_000)).hasValueSatisfying(o -> assertThat(o.lane()).isEqualTo(Lane.ALARM));

        window.clear();
        assertThat(window.room()).isEqualTo(3);
        assertThat(window.acknowledged(2)).isFalse();
    }

    @Test
    void readings_leave_a_reserve_of_the_window_to_alarms_so_an_alarm_never_waits_for_a_readings_puback() {
        PublishWindow window = new PublishWindow(100);
        assertThat(window.reserve()).isEqualTo(16);
        for (long seq = 1; seq <= 84; seq++) {
            window.sent(seq, Lane.READING, 1000);
        }
        assertThat(window.readingRoom()).as("the readings' share is full").isZero();
        assertThat(window.room()).as("alarms still have their places").isEqualTo(16);
        window.sent(85, Lane.ALARM, 1000);
        assertThat(window.readingRoom()).isZero();
        assertThat(window.room()).isEqualTo(15);

        assertThat(new PublishWindow(20).reserve()).isEqualTo(5);
        assertThat(new PublishWindow(3).reserve()).as("a tiny window keeps every place for whatever is next").isZero();
        assertThat(new PublishWindow(3).readingRoom()).isEqualTo(3);
    }
}
