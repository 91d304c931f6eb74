package io.ductwatch.gateway.core;

import java.time.Instant;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The seqs a store lost in earlier power cuts (created, or maybe created, and never committed), to be
 * announced once on {@code gap}. Called at start, on the thread that starts the gateway; may wait for a
 * durable commit.
 */
public interface LostSeqs {

    /** The lost seq ranges not yet announced; empty after a clean stop. */
    List<long[]> startupGaps();

    /**
     * Stores, in the alarm lane, the message announcing the lost ranges, and forgets the ranges, in one
     * durable transaction: a crash before it leaves them to announce at the next start.
     *
     * @return the message's seq, or -1 when there was nothing to announce
     */
    long announceLost(String topic, Instant createdAt, LongFunction<byte[]> payload);
}
