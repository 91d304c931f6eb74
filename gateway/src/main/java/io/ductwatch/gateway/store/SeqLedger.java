package io.ductwatch.gateway.store;

import static io.ductwatch.gateway.store.StoreFile.SYNCHRONOUS_FULL;
import static io.ductwatch.gateway.store.StoreFile.meta;
import static io.ductwatch.gateway.store.StoreFile.setMeta;
import static io.ductwatch.gateway.store.StoreFile.transaction;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * The store's seqs: handed out from a block of {@link #BLOCK} reserved durably ahead of use
 * ({@code seq_reserved}), each commit recording the highest it made durable ({@code seq_committed}). At a
 * start, every seq between the two was created, or might have been, and is lost: it goes to the
 * {@code lost} table, to be announced, and the new boot continues after the block, so no seq is ever
 * reused. Not thread-safe: used under the store's lock.
 */
final class SeqLedger {

    /** Seqs reserved durably at a time. */
    static final int BLOCK = 1000;

    private long next;
    private long reservedUntil;
    private long committedMax;

    private SeqLedger(long next) {
        this.next = next;
        this.reservedUntil = next + BLOCK - 1;
        this.committedMax = next - 1;
    }

    /**
     * Starts a boot's ledger, inside the caller's start-up transaction: records the seqs the last boot
     * reserved and never committed as lost, and reserves the first block.
     */
    static SeqLedger start(Connection db) throws SQLException {
        long reserved = meta(db, "seq_reserved", 0);
        long committed = meta(db, "seq_committed", 0);
        SeqLedger ledger = new SeqLedger(Math.max(reserved, committed) + 1);
        if (reserved > committed) {
            try (PreparedStatement lost = db.prepareStatement("INSERT INTO lost (first, last) VALUES (?, ?)")) {
                lost.setLong(1, committed + 1);
                lost.setLong(2, reserved);
                lost.executeUpdate();
            }
        }
        setMeta(db, "seq_reserved", ledger.reservedUntil);
        setMeta(db, "seq_committed", ledger.committedMax);
        return ledger;
    }

    /**
     * The next seq. When the block is used up, the next one is reserved durably first; if that fails the
     * seq is handed out all the same (an alarm never waits on bookkeeping), the failure goes to
     * {@code failed}, and the reservation is tried again with the next seq. Should the gateway die before one
     * succeeds, the next start continues after the last durable reservation and may use again seqs this boot
     * sent beyond it: a double fault (disk full, then a crash) the payloads' bootId tells apart.
     */
    long allocate(Connection db, Consumer<SQLException> failed) {
        if (next > reservedUntil) {
            try {
                long until = next + BLOCK - 1;
                transaction(db, SYNCHRONOUS_FULL, () -> setMeta(db, "seq_reserved", until));
                reservedUntil = until;
            } catch (SQLException e) {
                failed.accept(e);
            }
        }
        return next++;
    }

    /** The first seq of this boot. */
    long first() {
        return committedMax + 1;
    }

    long last() {
        return next - 1;
    }

    long committedMax() {
        return committedMax;
    }

    /** Inside a commit's transaction: records {@code highest} as durable with it. */
    void recordCommitted(Connection db, long highest) throws SQLException {
        setMeta(db, "seq_committed", highest);
    }

    /** After that transaction committed. */
    void committed(long highest) {
        committedMax = highest;
    }

    /** At a clean stop: the block is used up to the last seq, so the next start announces no gap. */
    void closeClean(Connection db) throws SQLException {
        transaction(db, SYNCHRONOUS_FULL, () -> setMeta(db, "seq_reserved", next - 1));
    }
}
