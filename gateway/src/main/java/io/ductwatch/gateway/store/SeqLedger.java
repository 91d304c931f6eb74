package io.ductwatch.gateway.store;

import static io.ductwatch.gateway.store.StoreFile.SYNCHRONOUS_FULL;
import static io.ductwatch.gateway.store.StoreFile.meta;
import static io.ductwatch.gateway.store.StoreFile.setMeta;
import static io.ductwatch.gateway.store.StoreFile.transaction;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The store's seqs: handed out from a block of {@link #BLOCK} reserved durably ahead of use
 * ({@code seq_reserved}), each commit recording the highest it made durable ({@code seq_committed}). At a
 * start, every seq between the two was created, or might have been, and is lost: it goes to the
 * {@code lost} table, to be announced, and the new boot continues after the block, so no seq is ever
 * reused. Not thread-safe: its counters are used under the store's memory lock, its writes inside the store's
 * transactions.
 */
final class SeqLedger {

    /**
     * Seqs reserved durably at a time. Each reservation costs a commit at {@code synchronous=FULL} (an fsync, 10-100
     * ms on an SD card): with 10,000, at 100 readings a second that is one every 50 s, and a backlog spilled at
     * 1,000 a second pays one every 5 s (with 1,000 it was every 0.5 s: a quarter of the spill's rate). After a
     * crash the unused rest of the block is announced on {@code gap} as one range.
     */
    static final int BLOCK = 10_000;

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
     * The next seq, at once: never any I/O (an alarm never waits on bookkeeping). The store reserves the next
     * block ahead, once half of this one is used ({@link #reserveDue()}), with its next commit at
     * {@code synchronous=FULL}. Should seqs outrun that (half a block handed out before a commit could run) and
     * the gateway die before the reservation, the next start continues after the last durable reservation
     * and may use again seqs this boot sent beyond it: a double fault the payloads' bootId tells apart.
     */
    long allocate() {
        return next++;
    }

    /** Whether the next block should be reserved now: half of the reserved one is used. */
    boolean reserveDue() {
        return next + BLOCK / 2 > reservedUntil;
    }

    /** How far the next reservation reaches: a block beyond the next seq. */
    long nextReservation() {
        return next + BLOCK - 1;
    }

    /** Inside a commit's transaction at {@code synchronous=FULL}: records the reservation. */
    void recordReserved(Connection db, long until) throws SQLException {
        setMeta(db, "seq_reserved", until);
    }

    /** After that transaction committed. */
    void reserved(long until) {
        reservedUntil = Math.max(reservedUntil, until);
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

    /** At a clean stop: the block is used up to {@code last}, so the next start announces no gap. */
    void closeClean(Connection db, long last) throws SQLException {
        transaction(db, SYNCHRONOUS_FULL, () -> setMeta(db, "seq_reserved", last));
    }
}
