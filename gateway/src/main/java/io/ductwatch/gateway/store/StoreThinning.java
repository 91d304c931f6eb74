package io.ductwatch.gateway.store;

import static io.ductwatch.gateway.store.StoreFile.SYNCHRONOUS_NORMAL;

import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.core.Thinner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thinning a store near its cap: while it holds more than the limit, its oldest readings are replaced,
 * {@link #THIN_BATCH} at a time, by one message of one-minute aggregates, and the seqs they had
 * are announced on {@code gap}; when only aggregates are left, the oldest of those go, announced the same
 * way.
 *
 * <p>Each pass holds the store's lock only to select its rows and, later, to store its result in one short
 * transaction; the aggregation, the expensive part, runs outside it, so an alarm arriving during a pass never
 * waits for it. Readings acknowledged by the broker while a pass aggregated them are announced on
 * {@code gap} all the same: a repeat, never a loss. Used by one thread at a time (the gateway's maintenance
 * timer, through {@link SqliteOutbox#enforceCap}).
 */
final class StoreThinning {

    /**
     * Largest aggregate message a pass makes: well under the message limits of common brokers (AWS IoT Core
     * takes 128 KB), since a message a broker refuses would block its lane for good.
     */
    static final int MAX_AGGREGATE_BYTES = 64 * 1024;
    /** Readings thinned per pass when the store is over its cap. */
    static final int THIN_BATCH = 2000;
    /** Most passes in one call: the maintenance timer comes back for the rest. */
    static final int MAX_PASSES = 100;

    private static final Logger LOG = LoggerFactory.getLogger(StoreThinning.class);

    /** The rows a thinning pass replaces: (seq, created_ms) and their payloads, oldest first. */
    record Selection(List<long[]> rows, List<byte[]> payloads, boolean aggregates) {
    }

    /** Whose lock guards the writing connection, and who gives messages their seqs. */
    private final SqliteOutbox store;
    private final WriterConnection writer;
    private final MemoryRows memory;

    StoreThinning(SqliteOutbox store, WriterConnection writer, MemoryRows memory) {
        this.store = store;
        this.writer = writer;
        this.memory = memory;
    }

    /** @return how many messages were thinned or dropped */
    int enforceCap(double limitBytes, Instant now, String readingTopic, String gapTopic, Thinner thinner) {
        int removed = 0;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            int done = pass(limitBytes, now, readingTopic, gapTopic, thinner);
            if (done == 0) {
                break;
            }
            removed += done;
        }
        return removed;
    }

    private int pass(double limitBytes, Instant now, String readingTopic, String gapTopic, Thinner thinner) {
        Selection selected = selectToThin(limitBytes);
        if (selected == null || selected.rows().isEmpty()) {
            return 0;
        }
        List<long[]> rows = selected.rows();
        LongFunction<byte[]> aggregate = null;
        if (!selected.aggregates()) {
            // Written with a placeholder seq to find how many readings fit; the real one comes with the commit.
            List<byte[]> payloads = selected.payloads();
            aggregate = thinner.aggregate(payloads);
            int size = aggregate.apply(Long.MAX_VALUE).length;
            while (size > MAX_AGGREGATE_BYTES && rows.size() > 1) {
                // Fewer readings in proportion, with a margin, so one retry is usually enough.
                int keep = (int) Math.max(1, Math.min(rows.size() - 1,
                        rows.size() * (MAX_AGGREGATE_BYTES * 0.9) / size));
                rows = rows.subList(0, keep);
                payloads = payloads.subList(0, rows.size());
                aggregate = thinner.aggregate(payloads);
                size = aggregate.apply(Long.MAX_VALUE).length;
            }
        }
        String reason = selected.aggregates() ? "store full: oldest one-minute aggregates dropped"
                : "store near full: readings thinned to one-minute aggregates";
        if (!replaceThinned(rows, aggregate, now, readingTopic, gapTopic, thinner, reason)) {
            return 0;
        }
        LOG.warn("store near its cap: {} {}", rows.size(),
                selected.aggregates() ? "oldest aggregates dropped" : "readings thinned to one-minute aggregates");
        return rows.size();
    }

    /**
     * The oldest readings to thin, or the oldest aggregates when only those are left; null when the store is
     * under {@code limitBytes}, closed, or cannot write. Commits what is buffered first. Under the store's lock.
     */
    private Selection selectToThin(double limitBytes) {
        synchronized (store) {
            if (store.isClosed() || writer.sizeBytes() <= limitBytes || !writer.commitBuffered(SYNCHRONOUS_NORMAL)
                    || !writer.applyAcknowledgements()) {
                return null;
            }
            Selection selected = writer.select(false);
            return selected.rows().isEmpty() ? writer.select(true) : selected;
        }
    }

    /**
     * Replaces the thinned rows, in one short transaction at {@code synchronous=NORMAL} (in WAL mode a power
     * cut keeps it or rolls it back whole): their aggregate, if any, in the reading lane, and the {@code gap}
     * naming them in the alarm lane. Under the store's lock.
     *
     * @return false when the store closed meanwhile
     */
    private boolean replaceThinned(List<long[]> rows, LongFunction<byte[]> aggregate, Instant now,
                                   String readingTopic, String gapTopic, Thinner thinner, String reason) {
        synchronized (store) {
            if (store.isClosed()) {
                return false;
            }
            if (aggregate != null) {
                store.buffer(Lane.READING, readingTopic, rows.get(0)[1], true, aggregate);
            }
            store.buffer(Lane.ALARM, gapTopic, now.toEpochMilli(), false, gapSeq -> thinner.gap(gapSeq, now,
                    ranges(rows), aggregate == null ? reason : reason + " (seq " + (gapSeq - 1) + ")"));
            memory.removeWithNextCommit(rows);
            writer.commitBuffered(SYNCHRONOUS_NORMAL);
            return true;
        }
    }

    /** Runs of consecutive seqs among rows of (seq, ...), in order, as {@code [first, last]}. */
    static List<long[]> ranges(List<long[]> rows) {
        List<long[]> ranges = new ArrayList<>();
        for (long[] row : rows) {
            long seq = row[0];
            if (!ranges.isEmpty() && ranges.get(ranges.size() - 1)[1] == seq - 1) {
                ranges.get(ranges.size() - 1)[1] = seq;
            } else {
                ranges.add(new long[] {seq, seq});
            }
        }
        return ranges;
    }
}
