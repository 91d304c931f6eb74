package io.ductwatch.gateway.uplink;

import io.ductwatch.gateway.core.GatewayHealth;
import io.ductwatch.gateway.core.Outbox;
import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.core.Outbox.Message;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
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
 * acknowledged within {@link UplinkSettings#ackTimeout()} drops the connection and starts over (readings too: a
 * window full of readings stuck on a dead link would keep an alarm from being sent at all). Replay of the
 * reading lane is paced to {@link UplinkSettings#replayPerS()} ({@link ReplayPacer}), with at most
 * {@link UplinkSettings#inflight()} messages unacknowledged.
 *
 * <p>Threading: one thread of its own ({@code ductwatch-uplink}) runs the connection and the publishing, except
 * that the alarm dispatcher publishes a fresh alarm itself when the {@link PublishingSession} lets it without a
 * wait ({@link #publishNow}); Paho's callbacks only post events to the uplink thread, so nothing blocks or
 * disconnects inside a callback.
 * {@link #start()} once; {@link #close()} is idempotent, publishes the offline status, and the uplink
 * cannot restart. Timers here run on wall time: they guard real sockets.
 */
public final class MqttUplink implements AutoCloseable, GatewayHealth.UplinkPort {

    private static final Logger LOG = LoggerFactory.getLogger(MqttUplink.class);

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

    private sealed interface Signal permits Wake, Acked, Failed, Lost {
    }

    private record Wake() implements Signal {
    }

    private record Acked(long seq) implements Signal {
    }

    private record Failed(long seq, Throwable cause) implements Signal {
    }

    private record Lost(Throwable cause) implements Signal {
    }

    private final UplinkSettings settings;
    private final Topics topics;
    private final Outbox outbox;
    private final BrokerConnector connector;
    private final byte[] offlineStatus;
    private final LongSupplier wallMillis;
    private final Inbound commands;
    private final RetainedTopics retained;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final AtomicReference<State> state = new AtomicReference<>(State.CONNECTING);
    private final ReconnectBackoff backoff;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastConnectedMillis;
    /** After a loss: no connect before this (nanoTime), the gateway's reconnect slot; 0 for at once. */
    private long reconnectNotBefore;

    private URI connectedTo;
    private final PublishingSession session;
    private final ReplayPacer pacer;

    /**
     * @param status     the current retained status payload, built on each call
     * @param offline    the will: the retained status saying the gateway is gone
     * @param wallMillis the wall clock, in milliseconds ({@code System::currentTimeMillis})
     * @param commands   receives each operator command
     */
    public MqttUplink(UplinkSettings settings, Topics topics, Outbox outbox, NameResolver resolver, Supplier<byte[]> status,
                      byte[] offline, LongSupplier wallMillis, Inbound commands) {
        this.settings = settings;
        this.topics = topics;
        this.outbox = outbox;
        this.connector = new BrokerConnector(settings, resolver);
        this.offlineStatus = offline.clone();
        this.wallMillis = wallMillis;
        this.session = new PublishingSession(settings.inflight(), outbox, wallMillis,
                seq -> signals.offer(new Acked(seq)), (cause, seq) -> signals.offer(new Failed(seq, cause)));
        this.backoff = new ReconnectBackoff(new Random(), settings.reconnectSlot());
        this.pacer = new ReplayPacer(settings.replayPerS());
        this.commands = commands;
        this.retained = new RetainedTopics(topics, status, offline, wallMillis);
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
     * order, while the store commits it: on the caller's thread when that needs no wait, else by the uplink
     * thread first thing ({@link PublishingSession#sendAhead}). Called by the alarm dispatcher; returns at once.
     * Not connected, or with a full window, it is left to the store, which offers it again in order.
     */
    public void publishNow(Message message) {
        if (session.sendAhead(message)) {
            signals.offer(new Wake());
        }
    }

    /**
     * The active alarms changed: publish this retained snapshot (only the latest is kept), encoded on the uplink
     * thread when it goes out. Called by the alarm dispatcher; returns at once.
     */
    public void publishActive(Supplier<byte[]> payload) {
        retained.active(payload);
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
                if (!session.isOpen()) {
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
        Optional<BrokerConnector.Connection> made = connector.connect(owner -> new UplinkCallback(retained, commands,
                cause -> signals.offer(new Lost(cause)), () -> signals.offer(new Wake())), () -> running,
                () -> new BrokerConnector.Will(topics.status(), offlineStatus, 1, true), topics.subscriptions(), 0);
        if (made.isEmpty()) {
            return false;
        }
        session.opened(made.get().client());
        connectedTo = made.get().broker();
        retained.connected();
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
        retained.previousBoot(bootId);
    }

    /** The last time something other than this gateway wrote on its retained topics, if ever. */
    @Override
    public Optional<GatewayHealth.ForeignWrite> lastForeignWrite() {
        return retained.lastForeign();
    }

    /** The last connection failure, in words, or empty. */
    public String lastError() {
        return connector.lastError();
    }

    private void handle(Signal signal) {
        if (signal instanceof Acked acked) {
            if (session.acknowledged(acked.seq())) {
                outbox.acknowledge(acked.seq());
            }
        } else if (signal instanceof Failed failed) {
            LOG.warn("publish of seq {} failed: {}", failed.seq(), failed.cause().toString());
            drop("publish failed");
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
        session.pumpAlarms();
        retained.publishDue(session);
        for (int sent = 1; sent > 0; ) {
            sent = session.pumpReadings(pacer.available(now));
            pacer.took(sent);
        }
    }

    private void checkAckTimeouts() {
        session.overdue(settings.ackTimeout().toMillis()).ifPresent(overdue -> {
            LOG.warn("{} seq {} not acknowledged in {} s: the link is half-open; reconnecting",
                    overdue.lane() == Lane.ALARM ? "alarm" : "reading", overdue.seq(), settings.ackTimeout().toSeconds());
            drop("PUBACK timeout");
        });
    }

    /** Abandons the current connection; the loop reconnects. */
    private void drop(String why) {
        boolean wasOpen = session.drop(why);
        connectedTo = null;
        if (state.get() != State.CLOSED) {
            state.set(State.CONNECTING);
        }
        if (wasOpen) {
            reconnectNotBefore = System.nanoTime() + backoff.afterLoss(alarmWaiting()).toNanos();
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

    /** Stops the uplink thread once; false if it was already stopped. */
    private boolean stopThread() {
        if (!running) {
            return false;
        }
        running = false;
        state.set(State.CLOSED);
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /** Stops at once, as a crash would: the socket closes without DISCONNECT, so the broker sends the will. */
    public void abandon() {
        if (stopThread()) {
            session.abandon();
        }
    }

    /** Publishes the offline status, disconnects and stops the uplink thread. */
    @Override
    public void close() {
        if (stopThread()) {
            session.close(topics.status(), offlineStatus);
        }
    }
}
