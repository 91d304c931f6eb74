package io.ductwatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.core.Outbox.Message;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which alarm is due on a connection: the store's lane in order, and fresh alarms sent ahead of it, once each. */
class AlarmOrderTest {

    private static Message alarm(long seq) {
        return new Message(seq, Lane.ALARM, "t", new byte[0], Instant.EPOCH);
    }

    @Test
    void an_alarm_sent_ahead_is_not_sent_again_when_the_lane_reaches_it() {
        AlarmOrder order = new AlarmOrder();
        PublishWindow window = new PublishWindow(8);

        assertThat(order.dueAhead(3, window)).isTrue();
        order.sentAhead(3);
        assertThat(order.dueAhead(3, window)).as("sent once").isFalse();

        assertThat(order.dueInOrder(1, window)).isTrue();
        order.passed(1);
        assertThat(order.dueInOrder(2, window)).isTrue();
        order.passed(2);
        assertThat(order.dueInOrder(3, window)).as("already sent ahead").isFalse();
        order.passed(3);
        order.settle();

        assertThat(order.cursor()).isEqualTo(3);
        assertThat(order.dueAhead(3, window)).as("passed").isFalse();
        assertThat(order.dueInOrder(3, window)).as("passed").isFalse();
    }

    @Test
    void an_alarm_refused_ahead_goes_in_order() {
        AlarmOrder order = new AlarmOrder();
        PublishWindow window = new PublishWindow(8);
        order.sentAhead(5);

        order.refusedAhead(5);

        assertThat(order.dueInOrder(5, window)).isTrue();
    }

    @Test
    void nothing_goes_ahead_while_it_is_in_flight_or_the_window_is_full() {
        AlarmOrder order = new AlarmOrder();
        PublishWindow window = new PublishWindow(1);
        window.sent(7, Lane.ALARM, 0);

        assertThat(order.dueAhead(7, window)).as("in flight").isFalse();
        assertThat(order.dueInOrder(7, window)).as("in flight").isFalse();
        assertThat(order.dueAhead(8, window)).as("no room").isFalse();
    }

    @Test
    void queued_fresh_alarms_come_first_in_first_out_until_a_connection_ends() {
        AlarmOrder order = new AlarmOrder();
        assertThat(order.noneQueued()).isTrue();
        order.queue(alarm(4));
        order.queue(alarm(6));

        assertThat(order.noneQueued()).isFalse();
        assertThat(order.nextQueued().seq()).isEqualTo(4);
        order.passed(9);
        order.sentAhead(12);
        order.clear();

        assertThat(order.nextQueued()).as("in the store; sent in order after the next connect").isNull();
        assertThat(order.cursor()).isZero();
        assertThat(order.dueInOrder(12, new PublishWindow(8))).isTrue();
    }
}
