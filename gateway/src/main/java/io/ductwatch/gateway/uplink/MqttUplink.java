package io.ductwatch.gateway.uplink;

import io.ductwatch.gateway.core.GatewayHealth;
import io.ductwatch.gateway.core.Outbox;
import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.core.Outbox.Message;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT uplink (Paho v3, MQTT 3.1.1, clean session, QoS 1): publishes what the {@link Outbox} holds,
 * alarm lane first, and removes each message once the broker acknowledges it. The outbox, not the
 * broker session, keeps the data: after any reconnect every unacknowledged message is published again,
 * in seq order per lane, so a subscriber sees duplicates only from redelivery and never a silent loss.
 *
 * <p>The connection is owned here, not by Paho's automatic reconnect (which never retries a failed first
 * connect): a round of connects tries the brokers in failover order ({@link BrokerConnector}: host names
 * through the {@link NameResolver} port, with the last known address kept for a DNS outage, TLS still
 * verifying the name), and rounds are spaced by {@link ReconnectBackoff}: after a loss the gateway's
 * reconnect slot (0 to 18 s, from its place along the duct, so a fleet does not come back at once), then
 * whole slot cycles (18 s to 72 s) while the broker refuses; at start 1 s doubling to 60 s; at most 5 s while
 * an alarm waits to be sent. The will sets the retained status offline; the retained
 * status and {@code alarms/active} are published on every connect and on every change. A half-open link is
 * found by the keepalive and by a PUBACK timeout ({@link PublishWindow}): a message of either lane not
 * acknowledged within {@link Settings#ackTimeout()} drops the connection and starts over (readings too: a
 * window full of readings stuck on a dead link would keep an alarm from being sent at all). Replay of the
 * reading lane is paced to {@link Settings#replayPerS()} ({@link ReplayPacer}), with at most
 * {@link Settings#inflight()} messages unacknowledged.
 *
 * <p>Threading: one thread of its own ({@code ductwatch-uplink}) runs the connection and the publishing;
 * Paho's callbacks only post events to it, so nothing blocks or disconnects inside a callback.
 * {@link #start()} once; {@link #close()} is idempotent, publishes the offline status, and the uplink
 * cannot restart. Timers here run on wall time: they guard real sockets.
 */
public final class MqttUplink implements AutoCloseable, GatewayHealth.UplinkPort {

    private static final Logger LOG = LoggerFactory.getLogger(MqttUplink.class);
    private static final Duration STATUS_EVERY = Duration.ofSeconds(30);

    /**
     * How to reach the brokers.
     *
     * @param brokers       URLs, tried in this order
     * @param inflight      most messages published and not yet acknowledged
     * @param replayPerS    most reading messages published per second
     * @param ackTimeout    a message not acknowledged within this drops the connection
     * @param socketFactory a TLS socket factory for ssl:// brokers, empty for plain TCP
     * @param username      broker user, empty for none
     * @param password      broker password
     * @param reconnectSlot the gateway's reconnect slot after a loss ({@link ReconnectBackoff#slotOf})
     */
    public record Settings(List<URI> brokers, String clientId, Duration keepalive, int inflight, int replayPerS,
                           Duration ackTimeout, Optional<SocketFactory> socketFactory, Optional<String> username,
                           char[] password, int reconnectSlot) {

        /** Settings in reconnect slot 0. */
        public Settings(List<URI> brokers, String clientId, Duration keepalive, int inflight, int replayPerS,
                        Duration ackTimeout, Optional<SocketFactory> socketFactory, Optional<String> username,
                        char[] password) {
            this(brokers, clientId, keepalive, inflight, replayPerS, ackTimeout, socketFactory, username, password, 0);
        }

        /** The same with another client id (a second connection of the gateway's). */
        public Settings withClientId(String id) {
            return new Settings(brokers, id, keepalive, inflight, replayPerS, ackTimeout, socketFactory, username,
                    password, reconnectSlot);
        }
    }

    /** What the uplink reports of itself for the status message. */
    public enum State { CONNECTING, CONNECTED, CLOSED }

    /**
     * Receives each message that arrives on a topic the uplink subscribed to ({@link Topics#subscriptions()})
     * other than its own retained topics: the operator commands. Called on Paho's callback thread; it must
     * hand the work on and return, and never block.
     */
    @FunctionalInterface
    public interface Inbound {
        void arrived(String topic, byte[] payload, boolean retained);
    }

    private sealed interface Signal permits Wake, Acked, Failed, Lost, Connected, Republish {
    }

    /** Something else wrote on the gateway's retained topics: publish the truth again at once. */
    private record Republish() implements Signal {
    }

    private record Wake() implements Signal {
    }

    private record Acked(long seq) implements Signal {
    }

    private record Failed(long seq, Throwable cause) implements Signal {
    }

    private record Lost(Throwable cause) implements Signal {
    }

    private record Connected(MqttAsyncClient client, URI broker) implements Signal {
    }

    private final Settings settings;
    private final Topics topics;
    private final Outbox outbox;
    private final BrokerConnector connector;
    private final Supplier<byte[]> status;
    private final byte[] offlineStatus;
    private final LongSupplier wallMillis;
    private final Inbound commands;
    private final OwnTopicsWatch ownTopics;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final AtomicReference<byte[]> latestActive = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicLong activeVersion = new java.util.concurrent.atomic.AtomicLong();
    private final AtomicReference<State> state = new AtomicReference<>(State.CONNECTING);
    private final ReconnectBackoff backoff;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastConnectedMillis;
    /** After a loss: no connect before this (nanoTime), the gateway's reconnect slot; 0 for at once. */
    private long reconnectNotBefore;

    private MqttAsyncClient client;
    private URI connectedTo;
    private final PublishWindow window;
    private final ReplayPacer pacer;
    /** Alarms handed over by {@link #publishNow}, to publish ahead of the store's order. */
    private final java.util.Queue<Message> fresh = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Seqs published ahead of the alarm cursor: when the store offers them in order, they are not sent again. */
    private final java.util.Set<Long> sentAhead = new java.util.HashSet<>();
    private long alarmCursor;
    private long readingCursor;
    private long publishedActiveVersion = -1;
    private long lastStatusMillis;

    /**
     * @param status     the current retained status payload, built on each call
     * @param offline    the will: the retained status saying the gateway is gone
     * @param wallMillis the wall clock, in milliseconds ({@code System::currentTimeMillis})
     * @param commands   receives each operator command
     */
    public MqttUplink(Settings settings, Topics topics, Outbox outbox, NameResolver resolver, Supplier<byte[]> status,
                      byte[] offline, LongSupplier wallMillis, Inbound commands) {
        this.settings = settings;
        this.topics = topics;
        this.outbox = outbox;
        this.connector = new BrokerConnector(settings, resolver);
        this.status = status;
        this.offlineStatus = offline.clone();
        this.wallMillis = wallMillis;
        this.window = new PublishWindow(settings.inflight());
        this.backoff = new ReconnectBackoff(new Random(), settings.reconnectSlot());
        this.pacer = new ReplayPacer(settings.replayPerS());
        this.commands = commands;
        this.ownTopics = new OwnTopicsWatch(offline, wallMillis);
        this.thread = new Thread(this::run, "ductwatch-uplink");
        this.thread.setDaemon(true);
    }

    public void start() {
        lastConnectedMillis = wallMillis.getAsLong();
        thread.start();
    }

    /** Something new waits in the outbox. */
    public void wake() {
        signals.offer(new Wake());
    }

    /**
     * An alarm event staged in the store ({@link Outbox#stage}): published at once, ahead of the store's
     * order, while the store commits it. Called by the alarm dispatcher; returns at once. Not connected, or
     * with a full window, it is left to the store, which offers it again in order.
     */
    public void publishNow(Message message) {
        fresh.offer(message);
        signals.offer(new Wake());
    }

    /** The active alarms changed: publish this retained snapshot (only the latest is kept). */
    public void publishActive(byte[] payload) {
        latestActive.set(payload.clone());
        activeVersion.incrementAndGet();
        signals.offer(new Wake());
    }

    public State state() {
        return state.get();
    }

    /** The broker connected to, if connected. */
    public Optional<URI> broker() {
        return Optional.ofNullable(connectedTo);
    }

    /** How long the uplink has been down, zero while connected. */
    @Override
    public Duration downFor() {
        return state.get() == State.CONNECTED ? Duration.ZERO
                : Duration.ofMillis(wallMillis.getAsLong() - lastConnectedMillis);
    }

    // ---------------------------------------------------------------- the uplink thread

    private void run() {
        while (running) {
            try {
                if (client == null) {
                    long slotWait = reconnectNotBefore - System.nanoTime();
                    reconnectNotBefore = 0;
                    if (slotWait > 0) {
                        waitFor(Duration.ofNanos(slotWait));
                        continue;
                    }
                    if (connect()) {
                        backoff.reset();
                    } else {
                        waitFor(backoff.next(alarmWaiting()));
                    }
                    continue;
                }
                pump();
                Signal signal = signals.poll(100, TimeUnit.MILLISECONDS);
                while (signal != null) {
                    handle(signal);
                    signal = signals.poll();
                }
                checkAckTimeouts();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("uplink: {}; reconnecting", e.toString(), e);
                drop("error: " + e.getMessage());
            }
        }
    }



    private boolean connect() {
        Optional<BrokerConnector.Connection> made = connector.connect(this::callback, () -> running,
                () -> new BrokerConnector.Will(topics.status(), offlineStatus, 1, true), topics.subscriptions(), 0);
        if (made.isEmpty()) {
            return false;
        }
        client = made.get().client();
        connectedTo = made.get().broker();
        window.clear();
        // What was handed over meanwhile is in the store: after a connect everything goes in seq order.
        fresh.clear();
        sentAhead.clear();
        alarmCursor = 0;
        readingCursor = 0;
        publishedActiveVersion = -1;
        lastStatusMillis = 0;
        state.set(State.CONNECTED);
        lastConnectedMillis = wallMillis.getAsLong();
        LOG.info("uplink connected to {} ({}); {} messages to deliver", connectedTo, made.get().address(),
                outbox.pending());
        return true;
    }


    /**
     * The id of the gateway's previous boot on this store: the broker may publish that boot's will after
     * this one connected (a power cut is noticed only at the keepalive), which is stale, not foreign.
     */
    public void previousBoot(String bootId) {
        ownTopics.previousBoot(bootId);
    }

    /** The last time something other than this gateway wrote on its retained topics, if ever. */
    @Override
    public Optional<GatewayHealth.ForeignWrite> lastForeignWrite() {
        return ownTopics.lastForeign();
    }

    /** The last connection failure, in words, or empty. */
    public String lastError() {
        return connector.lastError();
    }



    private MqttCallbackExtended callback(MqttAsyncClient owner) {
        return new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                // The uplink thread learns of the connection from the connect token.
            }

            @Override
            public void connectionLost(Throwable cause) {
                signals.offer(new Lost(cause));
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                try {
                    if (topic.equals(topics.status()) || topic.equals(topics.alarmsActive())) {
                        OwnTopicsWatch.Verdict verdict = ownTopics.arrived(topic, message.getPayload(),
                                message.isRetained());
                        if (verdict == OwnTopicsWatch.Verdict.FOREIGN) {
                            LOG.warn("a foreign publisher wrote on {}; publishing the truth again", topic);
                        }
                        if (verdict != OwnTopicsWatch.Verdict.OWN) {
                            signals.offer(new Republish());
                        }
                        return;
                    }
                    commands.arrived(topic, message.getPayload(), message.isRetained());
                } catch (RuntimeException e) {
                    LOG.error("command on {} could not be handed on: {}", topic, e.toString());
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // Acknowledgements come through each publish's own listener.
            }
        };
    }

    private void handle(Signal signal) {
        if (signal instanceof Acked acked) {
            if (window.acknowledged(acked.seq())) {
                outbox.acknowledge(acked.seq());
            }
        } else if (signal instanceof Failed failed) {
            LOG.warn("publish of seq {} failed: {}", failed.seq(), failed.cause().toString());
            drop("publish failed");
        } else if (signal instanceof Republish) {
            publishedActiveVersion = -1;
            lastStatusMillis = 0;
        } else if (signal instanceof Lost lost) {
            LOG.warn("uplink lost: {}", lost.cause() == null ? "unknown cause" : lost.cause().toString());
            drop("connection lost");
        }
    }

    /**
     * Publishes what is due: fresh alarms at once, then the alarm lane in the store's order (skipping what was
     * sent ahead), then retained state, then paced readings.
     */
    private void pump() {
        long now = wallMillis.getAsLong();
        for (Message m = fresh.poll(); m != null; m = fresh.poll()) {
            if (m.seq() > alarmCursor && !window.contains(m.seq()) && !sentAhead.contains(m.seq())
                    && window.room() > 0) {
                sentAhead.add(m.seq());
                send(m);
            }
        }
        while (window.room() > 0) {
            List<Message> alarms = outbox.next(Lane.ALARM, alarmCursor, window.room());
            if (alarms.isEmpty()) {
                break;
            }
            for (Message m : alarms) {
                if (sentAhead.remove(m.seq())) {
                    alarmCursor = Math.max(alarmCursor, m.seq());
                } else {
                    publish(m);
                }
            }
        }
        sentAhead.removeIf(seq -> seq <= alarmCursor);
        long version = activeVersion.get();
        byte[] snapshot = latestActive.get();
        if (snapshot != null && version != publishedActiveVersion) {
            publishRetained(topics.alarmsActive(), snapshot);
            publishedActiveVersion = version;
        }
        if (now - lastStatusMillis >= STATUS_EVERY.toMillis()) {
            publishRetained(topics.status(), status.get());
            lastStatusMillis = now;
        }
        for (int room = Math.min(window.room(), pacer.available(now)); room > 0;
             room = Math.min(window.room(), pacer.available(now))) {
            List<Message> readings = outbox.next(Lane.READING, readingCursor, room);
            if (readings.isEmpty()) {
                break;
            }
            readings.forEach(this::publish);
            pacer.took(readings.size());
        }
    }

    private void publish(Message message) {
        if (message.lane() == Lane.ALARM) {
            alarmCursor = Math.max(alarmCursor, message.seq());
        } else {
            readingCursor = Math.max(readingCursor, message.seq());
        }
        send(message);
    }

    /** Sends one message at QoS 1 and keeps it in flight until its PUBACK; the cursors are the caller's. */
    private void send(Message message) {
        window.sent(message.seq(), message.lane(), wallMillis.getAsLong());
        long seq = message.seq();
        try {
            client.publish(message.topic(), message.payload(), 1, false, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    signals.offer(new Acked(seq));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    signals.offer(new Failed(seq, cause));
                }
            });
        } catch (MqttException e) {
            throw new IllegalStateException("publish of seq " + seq + " refused: " + e.getMessage(), e);
        }
    }

    private void publishRetained(String topic, byte[] payload) {
        ownTopics.published(topic, payload);
        try {
            client.publish(topic, payload, 1, true);
        } catch (MqttException e) {
            throw new IllegalStateException("publish to " + topic + " refused: " + e.getMessage(), e);
        }
    }

    private void checkAckTimeouts() {
        window.overdue(wallMillis.getAsLong(), settings.ackTimeout().toMillis()).ifPresent(overdue -> {
            LOG.warn("{} seq {} not acknowledged in {} s: the link is half-open; reconnecting",
                    overdue.lane() == Lane.ALARM ? "alarm" : "reading", overdue.seq(), settings.ackTimeout().toSeconds());
            drop("PUBACK timeout");
        });
    }

    /** Abandons the current connection; the loop reconnects. */
    private void drop(String why) {
        MqttAsyncClient old = client;
        client = null;
        connectedTo = null;
        window.clear();
        sentAhead.clear();
        fresh.clear();
        if (state.get() != State.CLOSED) {
            state.set(State.CONNECTING);
        }
        if (old != null) {
            reconnectNotBefore = System.nanoTime() + backoff.afterLoss(alarmWaiting()).toNanos();
            try {
                old.disconnectForcibly(0, 1000);
            } catch (MqttException e) {
                LOG.debug("forced disconnect after {}: {}", why, e.getMessage());
            }
            try {
                old.close(true);
            } catch (MqttException e) {
                LOG.debug("close after {}: {}", why, e.getMessage());
            }
        }
    }

    /**
     * Waits out a reconnect backoff. New messages do not cut it short (they come every second while the
     * broker is away); only closing does.
     */
    private void waitFor(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        long left;
        while (running && (left = deadline - System.nanoTime()) > 0) {
            Signal signal = signals.poll(left, TimeUnit.NANOSECONDS);
            if (signal instanceof Wake && alarmWaiting()) {
                // An alarm to send: try again within the alarm's backoff, not a minute later.
                deadline = Math.min(deadline, System.nanoTime() + backoff.forAlarm().toNanos());
            }
        }
    }

    private boolean alarmWaiting() {
        return !outbox.next(Lane.ALARM, 0, 1).isEmpty();
    }

    /**
     * Stops the uplink thread once.
     *
     * @return the client it left connected, to disconnect, or null if there is none or it was already stopped
     */
    private MqttAsyncClient stopThread() {
        if (!running) {
            return null;
        }
        running = false;
        state.set(State.CLOSED);
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        MqttAsyncClient last = client;
        client = null;
        return last;
    }

    /** Stops at once, as a crash would: the socket closes without DISCONNECT, so the broker sends the will. */
    public void abandon() {
        MqttAsyncClient last = stopThread();
        if (last != null) {
            try {
                last.disconnectForcibly(0, 0, false);
                last.close(true);
            } catch (MqttException e) {
                LOG.debug("abandon: {}", e.getMessage());
            }
        }
    }

    /** Publishes the offline status, disconnects and stops the uplink thread. */
    @Override
    public void close() {
        MqttAsyncClient last = stopThread();
        if (last != null) {
            try {
                last.publish(topics.status(), offlineStatus, 1, true).waitForCompletion(2000);
                last.disconnect(2000).waitForCompletion(3000);
            } catch (MqttException e) {
                LOG.warn("could not publish the offline status before disconnecting: {}", e.getMessage());
            }
            try {
                last.close(true);
            } catch (MqttException e) {
                LOG.debug("close: {}", e.getMessage());
            }
        }
    }
}
