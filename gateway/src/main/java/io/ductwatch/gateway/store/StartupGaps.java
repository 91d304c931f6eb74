package io.ductwatch.gateway.store;

import io.ductwatch.gateway.core.LostSeqs;
import java.time.Instant;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The store's {@link LostSeqs}: the seq ranges this boot found lost in earlier power cuts ({@link Boot#lostRanges()}),
 * and the one durable commit that stores the message announcing them and forgets them. Called at start, on the
 * thread that starts the gateway; {@link #announceLost} takes the store's lock and waits for a FULL commit.
 */
final class StartupGaps implements LostSeqs {

    /** Whose lock guards the writing connection. */
    private final SqliteOutbox store;
    private final Boot boot;
    private final MemoryRows memory;
    private final WriterConnection writer;

    StartupGaps(SqliteOutbox store, Boot boot, MemoryRows memory, WriterConnection writer) {
        this.store = store;
        this.boot = boot;
        this.memory = memory;
        this.writer = writer;
    }

    /** Seq ranges lost and not yet announced; empty after a clean stop. */
    @Override
    public List<long[]> startupGaps() {
        return boot.lostRanges();
    }

    /**
     * Stores, in the alarm lane, the message announcing the lost ranges, and forgets the ranges, in one
     * durable transaction: a crash before it leaves them to announce at the next start.
     *
     * @return the message's seq, or -1 when there was nothing to announce
     */
    @Override
    public long announceLost(String topic, Instant createdAt, LongFunction<byte[]> payload) {
        synchronized (store) {
            if (boot.lostRanges().isEmpty()) {
                return -1;
            }
            long seq = memory.addAnnouncingLost(topic, createdAt.toEpochMilli(), payload).seq();
            writer.commitBuffered(StoreFile.SYNCHRONOUS_FULL);
            return seq;
        }
    }
}
