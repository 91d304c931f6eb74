package io.ductwatch.gateway.uplink;

import io.ductwatch.gateway.core.ActiveAlarm;
import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmListener;
import io.ductwatch.gateway.core.LostSeqs;
import io.ductwatch.gateway.core.Outbox;
import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.payload.Payloads;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;

/**
 * Turns what the gateway decides and measures into stored messages: every alarm event into the alarm
 * lane, staged and handed to the uplink at once, so it is published while the store commits it (DESIGN 5:
 * neither waits for the other); every sampling cycle's readings into the reading lane; every change of the
 * active set into the retained {@code alarms/active}. Runs on the caller's thread (the alarm dispatcher's,
 * the sampling loop's) and never waits for the disk.
 */
public final class Delivery implements AlarmListener {

    private final Outbox outbox;
    private final Payloads payloads;
    private final Topics topics;
    private final MqttUplink uplink;
    private final BooleanSupplier timeSynced;
    private final Supplier<Instant> clock;
    private final ObjLongConsumer<AlarmEvent> staged;

    /**
     * @param staged told of each alarm event's seq before the store offers it to the uplink, on the dispatcher's
     *               thread under the store's memory lock (the fallback path then knows which PUBACK acknowledges
     *               which alarm); must return at once and never call the store
     */
    public Delivery(Outbox outbox, Payloads payloads, Topics topics, MqttUplink uplink, BooleanSupplier timeSynced,
                    Supplier<Instant> clock, ObjLongConsumer<AlarmEvent> staged) {
        this.outbox = outbox;
        this.payloads = payloads;
        this.topics = topics;
        this.uplink = uplink;
        this.timeSynced = timeSynced;
        this.clock = clock;
        this.staged = staged;
    }

    /** Stages the event in the store and hands it to the uplink at once: published, then committed. */
    @Override
    public void onEvent(AlarmEvent event) {
        boolean synced = timeSynced.getAsBoolean();
        // The seq is told before the store offers the message: a replay running on the uplink's thread may
        // publish it, and its PUBACK come back, before stage() returns here.
        outbox.stage(topics.alarm(), event.at(), seq -> {
            staged.accept(event, seq);
            return payloads.alarm(seq, event, synced);
        }, uplink::publishNow);
    }

    /** The new active set, encoded on the uplink's thread when it publishes it, not here on the alarm's. */
    @Override
    public void onActiveChanged(List<ActiveAlarm> active) {
        Instant at = clock.get();
        uplink.publishActive(() -> payloads.active(at, active));
    }

    /** One sampling cycle's readings, into the reading lane. */
    public void readings(List<Reading> readings) {
        if (readings.isEmpty()) {
            return;
        }
        boolean synced = timeSynced.getAsBoolean();
        Instant at = readings.get(0).at();
        outbox.append(Lane.READING, topics.reading(), at, seq -> payloads.readings(seq, at, readings, synced));
    }

    /** Announces the seq ranges the store lost in earlier power cuts, and lets it forget them. */
    public void announceLost(LostSeqs store, String reason) {
        List<long[]> ranges = store.startupGaps();
        if (ranges.isEmpty()) {
            return;
        }
        boolean synced = timeSynced.getAsBoolean();
        Instant at = clock.get();
        store.announceLost(topics.gap(), at, seq -> payloads.gap(seq, at, ranges, reason, synced));
        uplink.wake();
    }

    /** Commits the buffered readings and lets the uplink publish them. */
    public void flush() {
        outbox.flush();
        uplink.wake();
    }
}
