package io.ductwatch.gateway.uplink;

import io.ductwatch.gateway.core.Outbox;
import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.core.Outbox.Message;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.ObjLongConsumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * What is published on the uplink's open connection: the Paho client, the messages in flight on it
 * ({@link PublishWindow}), the cursors of the store's two lanes and the alarms sent ahead of the store's order
 * ({@link AlarmOrder}).
 *
 * <p>Threading: the uplink thread opens and closes it and pumps the store through it; the alarm dispatcher's
 * thread hands it each fresh alarm ({@link #sendAhead}), which it publishes on that thread at once if it can
 * take the session's lock without waiting, the window has room and no earlier alarm waits; otherwise the alarm
 * is queued for the uplink thread, which sends queued alarms before its next message. Its lock is held for
 * in-memory work only: a publish (Paho queues the message to its own sender thread and returns) or a batch of
 * them, never across a read of the store, a disk write or a network wait; the dispatcher never waits for it.
 */
final class PublishingSession {

    private final Outbox outbox;
    private final LongSupplier wallMillis;
    private final LongConsumer acked;
    private final ObjLongConsumer<Throwable> failed;
    private final ReentrantLock lock = new ReentrantLock();
    private final PublishWindow window;
    private final AlarmOrder alarms = new AlarmOrder();
    private MqttAsyncClient client;
    private long readingCursor;

    /**
     * @param acked  told of each PUBACK, on Paho's thread; must return at once
     * @param failed told of each publish Paho gave up (cause, seq), on Paho's thread; must return at once
     */
    PublishingSession(int inflight, Outbox outbox, LongSupplier wallMillis, LongConsumer acked,
                      ObjLongConsumer<Throwable> failed) {
        this.window = new PublishWindow(inflight);
        this.outbox = outbox;
        this.wallMillis = wallMillis;
        this.acked = acked;
        this.failed = failed;
    }

    /** A connection is open: everything unacknowledged in the store goes again, in seq order. Uplink thread. */
    void opened(MqttAsyncClient connected) {
        lock.lock();
        try {
            client = connected;
            forget();
        } finally {
            lock.unlock();
        }
    }

    /** The connection is gone; what was in flight goes again on the next one. */
    private MqttAsyncClient closed() {
        lock.lock();
        try {
            MqttAsyncClient old = client;
            client = null;
            forget();
            return old;
        } finally {
            lock.unlock();
        }
    }

    /** Abandons the connection (the loop reconnects); true if one was open. Uplink thread. */
    boolean drop(String why) {
        MqttAsyncClient old = closed();
        if (old != null) {
            Disconnects.forcibly(old, why);
        }
        return old != null;
    }

    /** Closes the socket without DISCONNECT, as a crash would, so the broker sends the will. */
    void abandon() {
        MqttAsyncClient last = closed();
        if (last != null) {
            Disconnects.asCrash(last);
        }
    }

    /** Publishes the offline status, then disconnects. */
    void close(String statusTopic, byte[] offline) {
        MqttAsyncClient last = closed();
        if (last != null) {
            Disconnects.politely(last, statusTopic, offline);
        }
    }

    private void forget() {
        window.clear();
        alarms.clear();
        readingCursor = 0;
    }

    /**
     * A fresh alarm, just staged in the store: published now, on the caller's thread, if that needs no wait;
     * otherwise queued for the uplink thread (true then: wake it). Not connected, it is left to the store, which
     * offers it again in order after the next connect. Called by the alarm dispatcher.
     *
     * @return true if the uplink thread has work to do
     */
    boolean sendAhead(Message message) {
        if (lock.tryLock()) {
            try {
                if (client == null) {
                    return true; // the store offers it after the next connect; the uplink may connect sooner for it
                }
                if (alarms.noneQueued() && alarms.dueAhead(message.seq(), window)) {
                    try {
                        publishAhead(message);
                        return false;
                    } catch (MqttException e) {
                        // Refused here (Paho's own window, a connection going): the uplink thread finds out.
                        window.acknowledged(message.seq());
                        alarms.refusedAhead(message.seq());
                    }
                }
            } finally {
                lock.unlock();
            }
        }
        alarms.queue(message);
        return true;
    }

    /**
     * The uplink thread's turn: the queued fresh alarms, then the alarm lane in the store's order. The store is
     * read outside the lock, so that the dispatcher can send a fresh alarm meanwhile.
     */
    void pumpAlarms() {
        long cursor;
        int room;
        lock.lock();
        try {
            sendQueuedFresh();
            cursor = alarms.cursor();
            room = window.room();
        } catch (MqttException e) {
            throw refused(e);
        } finally {
            lock.unlock();
        }
        while (room > 0) {
            List<Message> lane = outbox.next(Lane.ALARM, cursor, room);
            if (lane.isEmpty()) {
                return;
            }
            lock.lock();
            try {
                if (client == null) {
                    return;
                }
                sendQueuedFresh();
                for (Message m : lane) {
                    boolean due = alarms.dueInOrder(m.seq(), window);
                    if (due && window.room() == 0) {
                        break;
                    }
                    if (due) {
                        send(m);
                    }
                    alarms.passed(m.seq());
                }
                alarms.settle();
                cursor = alarms.cursor();
                room = window.room();
            } catch (MqttException e) {
                throw refused(e);
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Up to {@code most} readings of the store's lane, in seq order; how many were sent. None while an alarm
     * waits for its PUBACK: the replay holds for that round trip, so that the alarm has the link, the broker
     * and this device's processor to itself. Uplink thread.
     */
    int pumpReadings(int most) {
        int room = Math.min(most, readingRoom());
        if (room <= 0) {
            return 0;
        }
        // Read outside the lock: a fresh alarm may be sent meanwhile.
        List<Message> readings = outbox.next(Lane.READING, readingCursor, room);
        int sent = 0;
        for (Message m : readings) {
            lock.lock();
            try {
                // A fresh alarm queued meanwhile goes before the next reading, not after the whole batch.
                sendQueuedFresh();
                if (window.alarmInFlight()) {
                    break;
                }
                send(m);
            } catch (MqttException e) {
                throw refused(e);
            } finally {
                lock.unlock();
            }
            readingCursor = Math.max(readingCursor, m.seq());
            sent++;
        }
        return sent;
    }

    /** A retained message outside the window (status, active alarms). Uplink thread. */
    void publishRetained(String topic, byte[] payload) {
        lock.lock();
        try {
            client.publish(topic, payload, 1, true);
        } catch (MqttException e) {
            throw new IllegalStateException("publish to " + topic + " refused: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Whether a connection is open. */
    boolean isOpen() {
        lock.lock();
        try {
            return client != null;
        } finally {
            lock.unlock();
        }
    }

    /** How many more readings may be sent now: none while an alarm is in flight; alarms have a reserve. */
    int readingRoom() {
        lock.lock();
        try {
            return window.alarmInFlight() ? 0 : window.readingRoom();
        } finally {
            lock.unlock();
        }
    }

    /** The broker acknowledged {@code seq}: true if it was in flight on this connection. */
    boolean acknowledged(long seq) {
        lock.lock();
        try {
            return window.acknowledged(seq);
        } finally {
            lock.unlock();
        }
    }

    /** The oldest message in flight longer than {@code timeoutMillis}, if any: the link is half-open. */
    Optional<PublishWindow.Overdue> overdue(long timeoutMillis) {
        lock.lock();
        try {
            return window.overdue(wallMillis.getAsLong(), timeoutMillis);
        } finally {
            lock.unlock();
        }
    }

    /** The fresh alarms the dispatcher queued, in their order. Under the lock. */
    private void sendQueuedFresh() throws MqttException {
        for (Message m = alarms.nextQueued(); m != null; m = alarms.nextQueued()) {
            if (alarms.dueAhead(m.seq(), window)) {
                publishAhead(m);
            }
        }
    }

    /** Sends a fresh alarm ahead of the store's order. Under the lock. */
    private void publishAhead(Message m) throws MqttException {
        alarms.sentAhead(m.seq());
        send(m);
    }

    /** Sends one message at QoS 1 and keeps it in flight until its PUBACK. Under the lock. */
    private void send(Message message) throws MqttException {
        long seq = message.seq();
        window.sent(seq, message.lane(), wallMillis.getAsLong());
        client.publish(message.topic(), message.payload(), 1, false, null, new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                acked.accept(seq);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                failed.accept(cause, seq);
            }
        });
    }

    private static IllegalStateException refused(MqttException e) {
        return new IllegalStateException("publish refused: " + e.getMessage(), e);
    }
}
