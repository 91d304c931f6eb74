package io.ductwatch.gateway.uplink;

import io.ductwatch.gateway.core.Outbox.Message;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Which alarm is due on a connection, and in which order: the store's alarm lane in seq order, up to a cursor,
 * and fresh alarms sent ahead of that order, which the lane must not send again when it reaches them. A fresh
 * alarm the dispatcher could not send itself waits here, first in, first out, for the uplink thread.
 *
 * <p>Threading: {@link #queue} may be called on any thread without a lock (the alarm dispatcher calls it); every
 * other method only under {@link PublishingSession}'s lock. Nothing here blocks.
 */
final class AlarmOrder {

    /** Fresh alarms the dispatcher could not send itself, for the uplink thread to send first. */
    private final Queue<Message> queued = new ConcurrentLinkedQueue<>();
    /** Seqs sent ahead of the cursor: when the lane offers them in order, they are not sent again. */
    private final Set<Long> sentAhead = new HashSet<>();
    /** The highest seq of the alarm lane passed in order on this connection. */
    private long cursor;

    /** Queues a fresh alarm for the uplink thread. Any thread. */
    void queue(Message fresh) {
        queued.offer(fresh);
    }

    /** Whether no fresh alarm waits: one that does goes first, so a later one may not overtake it. */
    boolean noneQueued() {
        return queued.isEmpty();
    }

    /** The next queued fresh alarm, or null. */
    Message nextQueued() {
        return queued.poll();
    }

    /** Whether a fresh alarm may go ahead now: not passed, not in flight, not sent, and the window has room. */
    boolean dueAhead(long seq, PublishWindow window) {
        return seq > cursor && !window.contains(seq) && !sentAhead.contains(seq) && window.room() > 0;
    }

    /** A fresh alarm went ahead of the lane. */
    void sentAhead(long seq) {
        sentAhead.add(seq);
    }

    /** Paho refused an alarm sent ahead: the lane sends it in order. */
    void refusedAhead(long seq) {
        sentAhead.remove(seq);
    }

    /**
     * The lane offers {@code seq} in order: whether it is still to be sent (not sent ahead, not passed, not in
     * flight). An alarm sent ahead is forgotten here: the lane has caught up with it.
     */
    boolean dueInOrder(long seq, PublishWindow window) {
        return !sentAhead.remove(seq) && seq > cursor && !window.contains(seq);
    }

    /** The lane passed {@code seq}, sent or not. */
    void passed(long seq) {
        cursor = Math.max(cursor, seq);
    }

    /** Forgets the alarms sent ahead that the lane has passed. */
    void settle() {
        sentAhead.removeIf(seq -> seq <= cursor);
    }

    /** Where the lane is read from next. */
    long cursor() {
        return cursor;
    }

    /** A connection opened or closed: what was handed over is in the store and goes again in seq order. */
    void clear() {
        queued.clear();
        sentAhead.clear();
        cursor = 0;
    }
}
