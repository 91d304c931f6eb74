package io.ductwatch.gateway.store;

import static io.ductwatch.gateway.store.StoreFile.SYNCHRONOUS_FULL;
import static io.ductwatch.gateway.store.StoreFile.SYNCHRONOUS_NORMAL;
import static io.ductwatch.gateway.store.StoreFile.pragma;
import static io.ductwatch.gateway.store.StoreFile.transaction;

import io.ductwatch.gateway.core.Outbox.Lane;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's writing connection and what it does: commits the batches {@link MemoryRows} hands over (rows,
 * deletions of acknowledged rows, the {@link SeqLedger}'s marks) and settles them; selects rows to thin; reads
 * the file's size. It never checkpoints (the {@link WalCheckpointer} does, on its own connection) and never
 * serves the uplink's reads ({@link OutboxReader}).
 *
 * <p>Not thread-safe: {@link SqliteOutbox} calls it under the store's lock only.
 */
final class WriterConnection implements AutoCloseable {

    /** What a row written or deleted adds to the log besides its payload, roughly. */
    private static final int ROW_OVERHEAD_BYTES = 64;
    private static final Logger LOG = LoggerFactory.getLogger(WriterConnection.class);

    private final Connection db;
    private final MemoryRows memory;
    private final SeqLedger seqs;
    private final WalCheckpointer checkpointer;
    private int lastAlarmCommitSynchronous = -1;

    WriterConnection(Connection db, MemoryRows memory, SeqLedger seqs, WalCheckpointer checkpointer) {
        this.db = db;
        this.memory = memory;
        this.seqs = seqs;
        this.checkpointer = checkpointer;
    }

    /**
     * Commits the buffered messages and the acknowledgements; false when the store cannot write. Under the
     * store's lock; the memory lock only to take the batch and to settle it, so messages buffered meanwhile
     * (an alarm staged during the fsync) wait in memory for the next commit, not for this one. When the seqs
     * run low, the next block's reservation goes with it, at {@code synchronous=FULL}.
     */
    boolean commitBuffered(int synchronous) {
        MemoryRows.Batch batch = memory.take();
        if (batch == null) {
            return true;
        }
        int level = batch.reserveUntil() > 0 ? SYNCHRONOUS_FULL : synchronous;
        int[] removed = new int[1];
        try {
            transaction(db, level, () -> {
                try (PreparedStatement insert = db.prepareStatement(
                        "INSERT INTO outbox (seq, lane, topic, payload, created_ms, aggregate) VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (MemoryRows.Row row : batch.rows()) {
                        insert.setLong(1, row.seq());
                        insert.setInt(2, row.lane().ordinal());
                        insert.setString(3, row.topic());
                        insert.setBytes(4, row.payload());
                        insert.setLong(5, row.createdMs());
                        insert.setInt(6, row.aggregate() ? 1 : 0);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                removed[0] = deleteAcknowledged(batch.acks());
                if (batch.forgetLost()) {
                    try (Statement st = db.createStatement()) {
                        st.executeUpdate("DELETE FROM lost");
                    }
                }
                seqs.recordCommitted(db, batch.highest());
                if (batch.reserveUntil() > 0) {
                    seqs.recordReserved(db, batch.reserveUntil());
                }
                if (level == SYNCHRONOUS_FULL) {
                    lastAlarmCommitSynchronous = currentSynchronous();
                }
            });
        } catch (SQLException e) {
            memory.commitFailed("commit", e);
            return false;
        }
        long bytes = 0;
        for (MemoryRows.Row row : batch.rows()) {
            bytes += row.payload().length;
        }
        checkpointer.logged(bytes + ROW_OVERHEAD_BYTES * (batch.rows().size() + removed[0]));
        memory.committed(batch, removed[0]);
        return true;
    }

    /** Removes the acknowledged messages; false when the store cannot write (they are kept to remove later). */
    boolean applyAcknowledgements() {
        List<Long> acks = memory.acknowledgements();
        if (acks.isEmpty()) {
            return true;
        }
        int[] removed = new int[1];
        try {
            transaction(db, SYNCHRONOUS_NORMAL, () -> removed[0] = deleteAcknowledged(acks));
        } catch (SQLException e) {
            memory.failed("remove acknowledged messages", e);
            return false;
        }
        checkpointer.logged(ROW_OVERHEAD_BYTES * removed[0]);
        memory.acknowledgementsApplied(acks.size(), removed[0]);
        return true;
    }

    /** Deletes the acknowledged rows; the caller settles the counters once the transaction commits. */
    private int deleteAcknowledged(List<Long> acks) throws SQLException {
        if (acks.isEmpty()) {
            return 0;
        }
        // Acknowledgements come mostly in runs of consecutive seqs: one ranged DELETE per run.
        long[] seqs = acks.stream().mapToLong(Long::longValue).sorted().toArray();
        int removed = 0;
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM outbox WHERE seq BETWEEN ? AND ?")) {
            for (int from = 0; from < seqs.length; ) {
                int to = from;
                while (to + 1 < seqs.length && seqs[to + 1] <= seqs[to] + 1) {
                    to++;
                }
                delete.setLong(1, seqs[from]);
                delete.setLong(2, seqs[to]);
                delete.addBatch();
                from = to + 1;
            }
            for (int count : delete.executeBatch()) {
                removed += Math.max(0, count);
            }
        }
        return removed;
    }

    private int currentSynchronous() throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("PRAGMA synchronous")) {
            return rs.getInt(1);
        }
    }

    /** The oldest reading rows of one kind, at most a batch ({@link StoreThinning#THIN_BATCH}), with their payloads. */
    StoreThinning.Selection select(boolean aggregate) {
        List<long[]> rows = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("SELECT seq, created_ms, payload FROM outbox WHERE lane = ?"
                + " AND aggregate = ? ORDER BY seq LIMIT ?")) {
            st.setInt(1, Lane.READING.ordinal());
            st.setInt(2, aggregate ? 1 : 0);
            st.setInt(3, StoreThinning.THIN_BATCH);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new long[] {rs.getLong(1), rs.getLong(2)});
                    payloads.add(aggregate ? null : rs.getBytes(3));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot select readings to thin: " + e.getMessage(), e);
        }
        return new StoreThinning.Selection(rows, payloads, aggregate);
    }

    /** Bytes the store's data uses: its pages less the free ones, which SQLite reuses before growing. */
    long sizeBytes() {
        try (Statement st = db.createStatement()) {
            long pages = pragma(st, "page_count");
            long free = pragma(st, "freelist_count");
            return (pages - free) * pragma(st, "page_size");
        } catch (SQLException e) {
            throw new StoreException("cannot read the store's size: " + e.getMessage(), e);
        }
    }

    /** The synchronous level the last alarm-lane commit ran with (2 is FULL). */
    int lastAlarmCommitSynchronous() {
        return lastAlarmCommitSynchronous;
    }

    /** Lets the file grow no further, as a full disk would, or lets it grow again; for tests. */
    void holdSize(boolean hold) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("PRAGMA max_page_count = " + (hold ? pragma(st, "page_count") : Integer.MAX_VALUE - 1));
        }
    }

    /**
     * The store's last commit, then closes: when everything buffered is committed and every acknowledgement
     * applied, marks the reserved block as used up to the last seq, so that a clean stop announces no gap;
     * otherwise the next start announces what could not be committed as lost. Closes the connection either way.
     */
    void closeAfterLastCommit() {
        try {
            if (commitBuffered(StoreFile.SYNCHRONOUS_NORMAL) && applyAcknowledgements()) {
                seqs.closeClean(db, memory.lastSeq());
            } else {
                LOG.error("store closed with {} messages it could not write: {}", memory.size(),
                        memory.writeFailure().orElse(""));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot close the store cleanly: " + e.getMessage(), e);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            LOG.debug("closing the writing connection: {}", e.getMessage());
        }
    }
}
