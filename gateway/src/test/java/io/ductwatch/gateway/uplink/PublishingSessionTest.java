package io.ductwatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.core.Outbox.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * A fresh alarm goes out on the dispatcher's thread when that needs no wait, and never waits when it would:
 * it is then queued for the uplink thread, sent once, and in order with the alarms before it.
 */
class PublishingSessionTest {

    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    /** Who published which seq, on which thread. */
    private record Sent(String topic, long seq, String thread) {
    }

    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private final MemoryOutbox store = new MemoryOutbox();
    /** Counted down when the first reading's publish starts; it returns once {@link #release} is. */
    private final CountDownLatch publishing = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean holdFirstReading;

    /**
     * A client that connects nowhere and records each publish; with {@link #holdFirstReading}, the first
     * reading's publish holds its thread (and the session's lock) until released.
     */
    private MqttAsyncClient client() throws Exception {
        return new MqttAsyncClient("tcp://127.0.0.1:1", "session-test", new MemoryPersistence()) {
            @Override
            public IMqttDeliveryToken publish(String topic, byte[] payload, int qos, boolean retained, Object context,
                                              IMqttActionListener callback) {
                sent.add(new Sent(topic, Long.parseLong(topic.substring(topic.lastIndexOf('/') + 1)),
                        Thread.currentThread().getName()));
                if (holdFirstReading && topic.startsWith("reading/")) {
                    holdFirstReading = false;
                    publishing.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return null;
            }
        };
    }

    /** An uplink thread replaying the store's readings, held inside the first reading's publish. */
    private Thread replayingAndHeld(PublishingSession session, int[] replayed) throws InterruptedException {
        holdFirstReading = true;
        Thread uplink = new Thread(() -> replayed[0] = session.pumpReadings(1000), "uplink");
        uplink.start();
        assertThat(publishing.await(10, TimeUnit.SECONDS)).isTrue();
        return uplink;
    }

    private Message stage() {
        return store.stage("alarm/" + (store.lastSeq() + 1), T0, seq -> new byte[] {1});
    }

    private PublishingSession session(MemoryOutbox outbox) {
        return new PublishingSession(8, outbox, () -> 0L, seq -> { }, (cause, seq) -> { });
    }

    @Test
    void an_alarm_is_published_on_the_dispatchers_thread_and_not_again_when_the_store_offers_it() throws Exception {
        PublishingSession session = session(store);
        session.opened(client());

        boolean wake = session.sendAhead(stage());
        session.pumpAlarms();

        assertThat(wake).as("nothing left for the uplink thread").isFalse();
        assertThat(sent).containsExactly(new Sent("alarm/1", 1, Thread.currentThread().getName()));
    }

    @Test
    void without_a_connection_the_alarm_is_left_to_the_store_and_the_uplink_thread_is_woken() {
        PublishingSession session = session(store);

        assertThat(session.sendAhead(stage())).isTrue();
        assertThat(sent).isEmpty();
    }

    @Test
    void while_the_uplink_thread_holds_the_session_an_alarm_is_queued_at_once_and_the_next_waits_behind_it()
            throws Exception {
        PublishingSession session = session(store);
        session.opened(client());
        readings(store, 1);
        int[] replayed = new int[1];
        Thread uplink = replayingAndHeld(session, replayed);

        Message first = stage();
        boolean[] wake = new boolean[2];
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> wake[0] = session.sendAhead(first),
                "the dispatcher waited for the uplink thread");
        release.countDown();
        uplink.join();
        // The session is free again, but the first alarm still waits for the uplink thread: the second queues behind it.
        wake[1] = session.sendAhead(stage());
        assertThat(sent).extracting(Sent::seq).containsExactly(1L);
        session.pumpAlarms();

        assertThat(wake).containsExactly(true, true);
        assertThat(sent).as("each once, in seq order, by the uplink thread").containsExactly(
                new Sent("reading/1", 1, "uplink"),
                new Sent("alarm/2", 2, Thread.currentThread().getName()),
                new Sent("alarm/3", 3, Thread.currentThread().getName()));
    }

    private void readings(MemoryOutbox outbox, int count) {
        for (int i = 0; i < count; i++) {
            outbox.append(Lane.READING, "reading/" + (outbox.lastSeq() + 1), T0, seq -> new byte[] {2});
        }
    }

    @Test
    void a_full_replay_window_leaves_the_alarms_reserve_so_a_fresh_alarm_goes_out_at_once() throws Exception {
        PublishingSession session = new PublishingSession(20, store, () -> 0L, seq -> { }, (cause, seq) -> { });
        session.opened(client());
        readings(store, 40);

        assertThat(session.pumpReadings(1000)).as("the window less the alarms' reserve of 5").isEqualTo(15);
        assertThat(session.pumpReadings(1000)).isZero();
        assertThat(session.sendAhead(stage())).as("sent, nothing queued").isFalse();
        assertThat(sent.get(sent.size() - 1).seq()).isEqualTo(41);
    }

    @Test
    void the_replay_holds_while_an_alarm_waits_for_its_puback_and_goes_on_after_it() throws Exception {
        PublishingSession session = session(store);
        session.opened(client());
        readings(store, 3);
        Message alarm = stage();
        readings(store, 3);

        assertThat(session.sendAhead(alarm)).isFalse();
        assertThat(session.pumpReadings(1000)).as("nothing while the alarm is in flight").isZero();
        assertThat(session.acknowledged(alarm.seq())).isTrue();
        assertThat(session.pumpReadings(1000)).isEqualTo(6);
        assertThat(sent).extracting(Sent::seq).containsExactly(4L, 1L, 2L, 3L, 5L, 6L, 7L);
    }

    @Test
    void an_alarm_queued_while_the_uplink_thread_was_busy_goes_before_the_next_reading_and_the_replay_waits_for_it()
            throws Exception {
        PublishingSession session = session(store);
        session.opened(client());
        readings(store, 5);
        int[] replayed = new int[1];
        Thread uplink = replayingAndHeld(session, replayed);

        assertThat(session.sendAhead(stage())).as("queued for the uplink thread").isTrue();
        release.countDown();
        uplink.join();

        assertThat(sent).as("the alarm before the batch's second reading; the rest wait for its PUBACK")
                .containsExactly(new Sent("reading/1", 1, "uplink"), new Sent("alarm/6", 6, "uplink"));
        assertThat(replayed[0]).isEqualTo(1);
        assertThat(session.pumpReadings(1000)).isZero();
        session.acknowledged(6);
        assertThat(session.pumpReadings(1000)).isEqualTo(4);
    }
}
