package io.ductwatch.gateway.store;

import static io.ductwatch.gateway.store.StoreFile.SYNCHRONOUS_NORMAL;
import static io.ductwatch.gateway.store.StoreFile.pragma;
import static io.ductwatch.gateway.store.StoreFile.transaction;

import io.ductwatch.gateway.core.GatewayHealth;
import io.ductwatch.gateway.core.LostSeqs;
import io.ductwatch.gateway.core.Outbox;
import io.ductwatch.gateway.core.Thinner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Outbox} in an SQLite file (xerial sqlite-jdbc), in WAL mode.
 *
 * <p>Durability: an alarm-lane append commits with {@code synchronous=FULL}, together with every
 * buffered reading, before it returns. Readings are committed by {@link #flush()} with
 * {@code synchronous=NORMAL}, which never corrupts the file but may lose the last commits in a power cut.
 * Seqs are handed out from a block reserved durably ahead of use; each commit records the highest seq it
 * made durable. At the next start, every seq between that and the end of the reserved block was created,
 * or might have been, and is lost: {@link #startupGaps()} lists those ranges so the gateway announces
 * them, and the new boot continues after the block, so no seq is ever reused.
 *
 * <p>At start the file is checked with {@code PRAGMA integrity_check}; a corrupt file is kept aside as
 * {@code NAME.corrupt-EPOCHMS} and a fresh one opened ({@link #recoveredFrom()} says so, for a TROUBLE).
 *
 * <p>When the store cannot write (the disk is full, the file system refuses), nothing that reaches it is
 * refused: messages stay in memory, in seq order, {@link #next} offers them from there so alarms still go
 * out, an acknowledged one is never stored, and every commit retries until one succeeds.
 * {@link #writeFailure()} says why, for a TROUBLE. Memory is bounded: beyond {@link #MAX_UNCOMMITTED_BYTES},
 * {@link #enforceCap} drops the oldest uncommitted readings and announces their seqs on {@code gap}; alarms
 * are never dropped.
 *
 * <p>Thread-safe, with two locks that are never held the other way round: the store's own ({@code this})
 * guards the writing connection and is held through commits, fsync included; {@link MemoryRows} guards what
 * waits in memory (uncommitted rows, acknowledgements, seqs, counts) on its own lock, held for memory work
 * only. An alarm is staged, a reading buffered and a message acknowledged under that lock alone, so none of
 * them waits for a commit. Two more connections keep their work off the store's lock: one reads the
 * committed messages for {@link #next} ({@link OutboxReader}: in WAL mode readers and the writer do not wait
 * for each other), one checkpoints the write-ahead log after a flush ({@link WalCheckpointer}), so no commit
 * pays for a checkpoint. {@link #close()} flushes, marks the reserved block as used up to the last seq so that
 * a clean stop announces no gap, and closes.
 */
public final class SqliteOutbox implements Outbox, LostSeqs, GatewayHealth.StorePort, AutoCloseable {

    /** Readings thinned per pass when the store is over its cap. */
    static final int THIN_BATCH = 2000;
    /** Largest aggregate message a thinning pass makes ({@link StoreThinning#MAX_AGGREGATE_BYTES}). */
    public static final int MAX_AGGREGATE_BYTES = StoreThinning.MAX_AGGREGATE_BYTES;
    /** Uncommitted messages kept in memory while the store cannot write, before readings are dropped. */
    public static final long MAX_UNCOMMITTED_BYTES = 4L * 1024 * 1024;
    /** Bytes logged (rows written or deleted, estimated) after which a flush checkpoints the write-ahead log. */
    static final long CHECKPOINT_BYTES = 1024 * 1024;
    /** What a row written or deleted adds to the log besides its payload, roughly. */
    private static final int ROW_OVERHEAD_BYTES = 64;
    /** Seqs reserved durably at a time. */
    static final int SEQ_BLOCK = SeqLedger.BLOCK;
    static final int SYNCHRONOUS_FULL = StoreFile.SYNCHRONOUS_FULL;

    private static final Logger LOG = LoggerFactory.getLogger(SqliteOutbox.class);

    private final Connection db;
    /** A second connection that only checkpoints the write-ahead log, outside the store's lock. */
    private final WalCheckpointer checkpointer;
    /** A third that only reads what is committed, outside the store's lock. */
    private final OutboxReader reader;
    private final Boot boot;
    private final Path recoveredFrom;
    /** What waits in memory, on a lock of its own that no commit holds through its fsync. */
    private final MemoryRows memory;
    /** The seqs: counted by {@link #memory}, written here inside the commits. */
    private final SeqLedger seqs;
    // Under the store's lock:
    private final StoreThinning thinning = new StoreThinning(this);
    private int lastAlarmCommitSynchronous = -1;
    private volatile boolean closed;
    /** Commits staged alarms on a thread of its own, under the store's lock, at synchronous=FULL. */
    private final CommitThread committer = new CommitThread(() -> {
        synchronized (this) {
            if (!closed) {
                commitBuffered(SYNCHRONOUS_FULL);
            }
        }
    });

    private SqliteOutbox(Path file, Connection db, Boot boot, Path recoveredFrom) {
        this.db = db;
        this.checkpointer = new WalCheckpointer(file, CHECKPOINT_BYTES);
        this.reader = new OutboxReader(file);
        this.boot = boot;
        this.recoveredFrom = recoveredFrom;
        this.seqs = boot.seqs();
        this.memory = new MemoryRows(seqs, boot.pending());
    }

    /**
     * Opens (or creates) the store file, checks it, and starts a new boot.
     *
     * @param now the time, which names a corrupt file kept aside
     */
    public static SqliteOutbox open(Path file, Instant now) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new StoreException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        Path recovered = null;
        if (Files.exists(file) && !StoreFile.intact(file)) {
            recovered = StoreFile.keepAside(file, now);
        }
        try {
            Connection db = StoreFile.connect(file);
            try (Statement st = db.createStatement()) {
                // This connection never checkpoints: an alarm's commit must not pay for copying the log back.
                st.execute("PRAGMA wal_autocheckpoint = 0");
            }
            StoreFile.migrate(db);
            Boot boot = Boot.start(db);
            List<long[]> gaps = boot.lostRanges();
            LOG.info("store {}: boot {} (#{}), {} messages pending, seq continues at {}{}", file, boot.id(), boot.count(),
                    boot.pending(), boot.seqs().first(),
                    gaps.isEmpty() ? "" : ", lost seqs " + gaps.get(0)[0] + "-" + gaps.get(0)[1]);
            SqliteOutbox store = new SqliteOutbox(file, db, boot, recovered);
            store.committer.start();
            return store;
        } catch (SQLException e) {
            throw new StoreException("cannot open the store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether an existing file opens and passes {@code PRAGMA integrity_check}. */
    public static boolean intact(Path file) {
        return StoreFile.intact(file);
    }

    // ---------------------------------------------------------------- Outbox

    @Override
    public long append(Lane lane, String topic, Instant createdAt, LongFunction<byte[]> payload) {
        long seq = buffer(lane, topic, createdAt.toEpochMilli(), false, payload).seq();
        if (lane == Lane.ALARM) {
            synchronized (this) {
                commitBuffered(SYNCHRONOUS_FULL);
            }
        }
        return seq;
    }

    /**
     * Stages an alarm event: its row in memory now (offered by {@link #next} at once), committed at
     * {@code synchronous=FULL} by the store's committer thread right after, so the caller publishes it while
     * the disk syncs. It takes only the store's memory lock, never the lock a commit holds through its
     * fsync: an alarm staged while another commits does not wait for it. A power cut before its commit
     * leaves its seq to be announced on {@code gap} at the next start, like every seq reserved and not
     * committed.
     */
    @Override
    public Message stage(String topic, Instant createdAt, LongFunction<byte[]> payload) {
        MemoryRows.Row row = buffer(Lane.ALARM, topic, createdAt.toEpochMilli(), false, payload);
        committer.request();
        return row.message();
    }

    @Override
    public void flush() {
        synchronized (this) {
            commitBuffered(SYNCHRONOUS_NORMAL);
        }
        checkpointer.runIfDue();
    }

    /**
     * Committed messages come from a reader connection, never waiting for a commit; uncommitted ones from
     * memory, taken first: a message a commit moves from memory to the file meanwhile is then in one or the
     * other, and since commits store the buffer's oldest first, no message is left out while a later one is
     * offered. Acknowledged messages not yet deleted are left out for a read from the start (a new
     * connection); a read from a cursor lies past them.
     */
    @Override
    public List<Message> next(Lane lane, long afterSeq, int max) {
        List<Message> uncommitted = memory.uncommitted(lane, afterSeq, max);
        Set<Long> acked = afterSeq == 0 ? memory.acknowledgedSeqs() : Set.of();
        List<Message> committed = reader.next(lane, afterSeq, max + acked.size());
        TreeMap<Long, Message> merged = new TreeMap<>();
        for (Message m : committed) {
            if (!acked.contains(m.seq())) {
                merged.put(m.seq(), m);
            }
        }
        uncommitted.forEach(m -> merged.putIfAbsent(m.seq(), m));
        return merged.values().stream().limit(max).toList();
    }

    @Override
    public void acknowledge(long seq) {
        memory.acknowledge(seq);
    }

    /** Why the store cannot write, while it cannot; empty once a commit succeeds again. */
    @Override
    public boolean writeFailing() {
        return memory.writeFailing();
    }

    public Optional<String> writeFailure() {
        return memory.writeFailure();
    }

    /**
     * Writes that failed since the store opened: on a full disk SQLite may still fit a commit in freed pages
     * now and then, so a TROUBLE follows this count, not only {@link #writeFailure()} at one instant.
     */
    @Override
    public long failedWrites() {
        return memory.failedWrites();
    }

    /** Why the last failed write failed, or empty if none did. */
    @Override
    public String lastWriteFailure() {
        return memory.lastWriteFailure();
    }

    /** Bytes of messages held in memory, not yet committed. */
    @Override
    public long uncommittedBytes() {
        return memory.bytes();
    }

    @Override
    public long pending() {
        return memory.pending();
    }

    @Override
    public Optional<Instant> oldestPending() {
        Optional<Instant> committed = reader.oldest(memory.acknowledgedSeqs());
        return committed.isPresent() ? committed : memory.oldestCreated();
    }

    /** Bytes the store's data uses: its pages less the free ones, which SQLite reuses before growing. */
    @Override
    public synchronized long sizeBytes() {
        try (Statement st = db.createStatement()) {
            long pages = pragma(st, "page_count");
            long free = pragma(st, "freelist_count");
            return (pages - free) * pragma(st, "page_size");
        } catch (SQLException e) {
            throw new StoreException("cannot read the store's size: " + e.getMessage(), e);
        }
    }


    /**
     * Keeps the store under {@code maxBytes}, thinning its oldest readings ({@link StoreThinning}); while it
     * cannot write, drops the oldest uncommitted readings from memory beyond {@link #MAX_UNCOMMITTED_BYTES}.
     * Alarms, troubles and gaps are never thinned or dropped. Called from one thread at a time (the
     * gateway's maintenance timer).
     *
     * @return how many messages were thinned or dropped
     */
    public int enforceCap(long maxBytes, double share, Instant now, String readingTopic, String gapTopic,
                          Thinner thinner) {
        if (memory.writeFailing()) {
            return memory.shed(MAX_UNCOMMITTED_BYTES, now, gapTopic, thinner);
        }
        return thinning.enforceCap(maxBytes * share, now, readingTopic, gapTopic, thinner);
    }

    /** The rows a thinning pass replaces: (seq, created_ms) and their payloads, oldest first. */
    record Selection(List<long[]> rows, List<byte[]> payloads, boolean aggregates) {
    }

    /**
     * The oldest readings to thin, or the oldest aggregates when only those are left; null when the store is
     * under {@code limitBytes}, closed, or cannot write. Commits what is buffered first. Under the lock.
     */
    synchronized Selection selectToThin(double limitBytes) {
        if (closed || sizeBytes() <= limitBytes || !commitBuffered(SYNCHRONOUS_NORMAL) || !applyAcknowledgements()) {
            return null;
        }
        Selection selected = select(false);
        return selected.rows().isEmpty() ? select(true) : selected;
    }

    /**
     * Replaces the thinned rows, in one short transaction at {@code synchronous=NORMAL} (in WAL mode a power
     * cut keeps it or rolls it back whole): their aggregate, if any, in the reading lane, and the {@code gap}
     * naming them in the alarm lane. Under the lock.
     *
     * @return false when the store closed meanwhile
     */
    synchronized boolean replaceThinned(List<long[]> rows, LongFunction<byte[]> aggregate, Instant now,
                                        String readingTopic, String gapTopic, Thinner thinner, String reason) {
        if (closed) {
            return false;
        }
        if (aggregate != null) {
            buffer(Lane.READING, readingTopic, rows.get(0)[1], true, aggregate);
        }
        buffer(Lane.ALARM, gapTopic, now.toEpochMilli(), false, gapSeq -> thinner.gap(gapSeq, now,
                StoreThinning.ranges(rows), aggregate == null ? reason : reason + " (seq " + (gapSeq - 1) + ")"));
        memory.removeWithNextCommit(rows);
        commitBuffered(SYNCHRONOUS_NORMAL);
        return true;
    }


    /** The oldest reading rows of one kind, at most a batch, with their payloads; under the store's lock. */
    private Selection select(boolean aggregate) {
        List<long[]> rows = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("SELECT seq, created_ms, payload FROM outbox WHERE lane = ?"
                + " AND aggregate = ? ORDER BY seq LIMIT ?")) {
            st.setInt(1, Lane.READING.ordinal());
            st.setInt(2, aggregate ? 1 : 0);
            st.setInt(3, THIN_BATCH);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new long[] {rs.getLong(1), rs.getLong(2)});
                    payloads.add(aggregate ? null : rs.getBytes(3));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot select readings to thin: " + e.getMessage(), e);
        }
        return new Selection(rows, payloads, aggregate);
    }

    @Override
    public long lastSeq() {
        return memory.lastSeq();
    }

    // ---------------------------------------------------------------- boot facts

    public String bootId() {
        return boot.id();
    }

    /** The boot id of the gateway's previous start on this store, if there was one. */
    public Optional<String> previousBootId() {
        return boot.previousId();
    }

    public long bootCount() {
        return boot.count();
    }

    /**
     * Seq ranges lost in power cuts and not yet announced, to announce on {@code gap}; empty after a clean
     * stop. They stay in the store until {@link #announceLost} stores the message that names them.
     */
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
    public synchronized long announceLost(String topic, Instant createdAt, LongFunction<byte[]> payload) {
        if (boot.lostRanges().isEmpty()) {
            return -1;
        }
        long seq = memory.addAnnouncingLost(topic, createdAt.toEpochMilli(), payload).seq();
        commitBuffered(SYNCHRONOUS_FULL);
        return seq;
    }

    /** Where a corrupt store was kept aside at this start, if it was. */
    @Override
    public Optional<Path> recoveredFrom() {
        return Optional.ofNullable(recoveredFrom);
    }

    /** The synchronous level the last alarm-lane commit ran with (2 is FULL); for tests. */
    synchronized int lastAlarmCommitSynchronous() {
        return lastAlarmCommitSynchronous;
    }

    /**
     * Lets the file grow no further, as a full disk would ({@code PRAGMA max_page_count} at its size), or
     * lets it grow again; for tests.
     */
    synchronized void holdSize(boolean hold) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("PRAGMA max_page_count = " + (hold ? pragma(st, "page_count") : Integer.MAX_VALUE - 1));
        }
    }

    /** Drops the connection as a crash would: buffered readings and pending acknowledgements are lost. */
    public void abandon() {
        committer.stop();
        abandonNow();
    }

    private synchronized void abandonNow() {
        if (closed) {
            return;
        }
        closed = true;
        memory.clear();
        checkpointer.close();
        reader.close();
        try {
            db.close();
        } catch (SQLException e) {
            LOG.debug("abandon: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        committer.stop();
        closeNow();
    }

    private synchronized void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        checkpointer.close();
        reader.close();
        try {
            if (commitBuffered(SYNCHRONOUS_NORMAL) && applyAcknowledgements()) {
                seqs.closeClean(db, memory.lastSeq());
            } else {
                // The next start announces what could not be committed as lost.
                LOG.error("store closed with {} messages it could not write: {}", memory.size(),
                        memory.writeFailure().orElse(""));
            }
            db.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the store cleanly: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- internals

    /**
     * Gives a message its seq and keeps it in memory until a commit stores it; asks the committer to reserve
     * the next block of seqs when this one runs low. Takes only the memory lock.
     */
    private MemoryRows.Row buffer(Lane lane, String topic, long createdMs, boolean aggregate,
                                  LongFunction<byte[]> payload) {
        MemoryRows.Row row = memory.add(lane, topic, createdMs, aggregate, payload);
        if (memory.reserveDue()) {
            committer.request();
        }
        return row;
    }

    /**
     * Commits the buffered messages and the acknowledgements; false when the store cannot write. Under the
     * store's lock; the memory lock only to take the batch and to settle it, so messages buffered meanwhile
     * (an alarm staged during the fsync) wait in memory for the next commit, not for this one. When the seqs
     * run low, the next block's reservation goes with it, at {@code synchronous=FULL}.
     */
    private boolean commitBuffered(int synchronous) {
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
    private boolean applyAcknowledgements() {
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


}
