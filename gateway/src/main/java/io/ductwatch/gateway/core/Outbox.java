package io.ductwatch.gateway.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Where every message waits until the broker has it: alarm events, troubles, gaps and command results
 * in the alarm lane, readings in the reading lane. Each message gets its {@code seq} here, strictly
 * increasing and never reused, and keeps it through any number of restarts and redeliveries.
 *
 * <p>The alarm lane is durable when {@link #append} returns (committed and synced), or, for an alarm event
 * {@linkplain #stage staged} to be published at once, shortly after, on the store's own thread; the reading
 * lane is buffered and committed by {@link #flush()} about once a second, so a power cut loses at most the
 * unflushed batch, and the store knows which seqs those were (it announces them on {@code gap} at the next
 * start: a staged alarm the broker already had is then a repeat, never a loss). {@link #next} offers
 * committed messages and staged alarms; while the store cannot write (disk full), every message waits in
 * memory and is offered from there, so an alarm still goes out. Implementations are thread-safe.
 */
public interface Outbox {

    /** The two lanes: alarms are never queued behind readings. */
    enum Lane { ALARM, READING }

    /** A stored message, ready to publish. */
    record Message(long seq, Lane lane, String topic, byte[] payload, Instant createdAt) {
    }

    /**
     * Stores a message.
     *
     * @param payload builds the payload bytes for the seq the store allocates
     * @return the seq
     */
    long append(Lane lane, String topic, Instant createdAt, LongFunction<byte[]> payload);

    /**
     * Stores an alarm-lane message that is published at once, without waiting for the disk: its seq and
     * payload now, in memory, offered by {@link #next} at once, and handed to {@code handOn} (the uplink's
     * publish) before its commit ({@code synchronous=FULL}) is asked of the store's own thread, so that on a
     * busy core the publish does not queue behind the commit's work. Returns at once (it never waits for an
     * fsync, nor for the store's lock). Called by the alarm dispatcher.
     *
     * @param handOn called on the caller's thread with the staged message; must return at once
     * @return the message
     */
    Message stage(String topic, Instant createdAt, LongFunction<byte[]> payload, Consumer<Message> handOn);

    /** {@link #stage(String, Instant, LongFunction, Consumer)} with nothing to hand it on to. */
    default Message stage(String topic, Instant createdAt, LongFunction<byte[]> payload) {
        return stage(topic, createdAt, payload, message -> { });
    }

    /** Commits the buffered readings and the acknowledgements received since the last flush. */
    void flush();

    /**
     * The oldest committed messages of a lane after {@code afterSeq}, at most {@code max}; while the store
     * cannot write, the uncommitted ones after them too.
     */
    List<Message> next(Lane lane, long afterSeq, int max);

    /** The broker has the message: it may go. */
    void acknowledge(long seq);

    /** Messages stored and not yet acknowledged, buffered ones included. */
    long pending();

    /** When the oldest pending message was created. */
    Optional<Instant> oldestPending();

    /** The last seq allocated. */
    long lastSeq();
}
