package io.ductwatch.gateway.store;

import static io.ductwatch.gateway.store.StoreFile.SYNCHRONOUS_NORMAL;

import io.ductwatch.gateway.core.GatewayHealth;
import io.ductwatch.gateway.core.LostSeqs;
import io.ductwatch.gateway.core.Outbox;
import io.ductwatch.gateway.core.Thinner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
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
 * or might have been, and is lost: {@link #lostSeqs()} lists those ranges so the gateway announces
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
 * <p>Its pieces: {@link StoreFile} (opening, checks, schema), {@link WriterConnection} (the commits),
 * {@link MemoryRows} (what waits in memory), {@link SeqLedger}, {@link OutboxReader} (what the uplink reads, on
 * a connection of its own: in WAL mode readers and the writer never wait for each other), {@link WalCheckpointer}
 * (the log's checkpoints, on a third connection, so no commit pays for one), {@link StoreThinning}, the
 * {@link CommitThread} (staged alarms' FULL commits) and {@link StartupGaps} (seqs lost in power cuts). Thread-safe, with two locks never held the other way
 * round: the store's own ({@code this}) guards the writing connection through commits, fsync included;
 * {@link MemoryRows}' is held for memory work only, so staging an alarm, buffering a reading and acknowledging
 * a message never wait for a commit. {@link #close()} flushes, marks the reserved block as used up to the last
 * seq so that a clean stop announces no gap, and closes.
 */
public final class SqliteOutbox implements Outbox, GatewayHealth.StorePort, AutoCloseable {

    /** Largest aggregate message a thinning pass makes ({@link StoreThinning#MAX_AGGREGATE_BYTES}). */
    public static final int MAX_AGGREGATE_BYTES = StoreThinning.MAX_AGGREGATE_BYTES;
    /** Uncommitted messages kept in memory while the store cannot write, before readings are dropped. */
    public static final long MAX_UNCOMMITTED_BYTES = 4L * 1024 * 1024;
    /**
     * Bytes logged (rows written or deleted, estimated) after which a flush checkpoints the write-ahead log:
     * SQLite's own default (1000 pages of 4 KB); each checkpoint syncs the file, so fewer cost less.
     */
    static final long CHECKPOINT_BYTES = 4 * 1024 * 1024;
    /** Seqs reserved durably at a time. */
    static final int SEQ_BLOCK = SeqLedger.BLOCK;
    static final int SYNCHRONOUS_FULL = StoreFile.SYNCHRONOUS_FULL;

    private static final Logger LOG = LoggerFactory.getLogger(SqliteOutbox.class);

    /** The writing connection, used under the store's lock only. */
    private final WriterConnection writer;
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
    private final StoreThinning thinning;
    private volatile boolean closed;
    /** Commits staged alarms on a thread of its own, under the store's lock, at synchronous=FULL. */
    private final CommitThread committer;
    private final StartupGaps lostSeqs;

    private SqliteOutbox(Path file, Connection db, Boot boot, Path recoveredFrom) {
        this.checkpointer = new WalCheckpointer(file, CHECKPOINT_BYTES);
        this.reader = new OutboxReader(file);
        this.boot = boot;
        this.recoveredFrom = recoveredFrom;
        this.seqs = boot.seqs();
        this.memory = new MemoryRows(seqs, boot.pending());
        this.writer = new WriterConnection(db, memory, seqs, checkpointer);
        this.thinning = new StoreThinning(this, writer, memory);
        this.lostSeqs = new StartupGaps(this, boot, memory, writer);
        this.committer = new CommitThread(() -> {
            synchronized (this) {
                if (!closed) {
                    writer.commitBuffered(SYNCHRONOUS_FULL);
                }
            }
        });
    }

    /**
     * Opens (or creates) the store file, checks it, and starts a new boot.
     *
     * @param now the time, which names a corrupt file kept aside
     */
    public static SqliteOutbox open(Path file, Instant now) {
        try {
            StoreFile.Opened opened = StoreFile.openWriter(file, now);
            Boot boot = Boot.start(opened.db());
            List<long[]> gaps = boot.lostRanges();
            LOG.info("store {}: boot {} (#{}), {} messages pending, seq continues at {}{}", file, boot.id(), boot.count(),
                    boot.pending(), boot.seqs().first(),
                    gaps.isEmpty() ? "" : ", lost seqs " + gaps.get(0)[0] + "-" + gaps.get(0)[1]);
            SqliteOutbox store = new SqliteOutbox(file, opened.db(), boot, opened.recoveredFrom());
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
                writer.commitBuffered(SYNCHRONOUS_FULL);
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
    public Message stage(String topic, Instant createdAt, LongFunction<byte[]> payload, Consumer<Message> handOn) {
        Message message = buffer(Lane.ALARM, topic, createdAt.toEpochMilli(), false, payload).message();
        handOn.accept(message);
        committer.request();
        return message;
    }

    @Override
    public void flush() {
        synchronized (this) {
            writer.commitBuffered(SYNCHRONOUS_NORMAL);
        }
        checkpointer.runIfDue();
    }

    /** From memory and the reader connection, never waiting for a commit ({@link OutboxReader#pending}). */
    @Override
    public List<Message> next(Lane lane, long afterSeq, int max) {
        return reader.pending(memory, lane, afterSeq, max);
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
        return reader.oldestPending(memory);
    }

    /** Bytes the store's data uses: its pages less the free ones, which SQLite reuses before growing. */
    @Override
    public synchronized long sizeBytes() {
        return writer.sizeBytes();
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
     * The seq ranges lost in power cuts and not yet announced, and their announcement ({@link StartupGaps}); the
     * ranges stay in the store until the message that names them is stored.
     */
    public LostSeqs lostSeqs() {
        return lostSeqs;
    }

    /** Where a corrupt store was kept aside at this start, if it was. */
    @Override
    public Optional<Path> recoveredFrom() {
        return Optional.ofNullable(recoveredFrom);
    }

    /** The synchronous level the last alarm-lane commit ran with (2 is FULL); for tests. */
    synchronized int lastAlarmCommitSynchronous() {
        return writer.lastAlarmCommitSynchronous();
    }

    /**
     * Lets the file grow no further, as a full disk would ({@code PRAGMA max_page_count} at its size), or
     * lets it grow again; for tests.
     */
    synchronized void holdSize(boolean hold) throws SQLException {
        writer.holdSize(hold);
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
        writer.close();
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
        writer.closeAfterLastCommit();
    }

    // ---------------------------------------------------------------- internals

    boolean isClosed() {
        return closed;
    }

    /**
     * Gives a message its seq and keeps it in memory until a commit stores it; asks the committer to reserve
     * the next block of seqs when this one runs low. Takes only the memory lock.
     */
    MemoryRows.Row buffer(Lane lane, String topic, long createdMs, boolean aggregate, LongFunction<byte[]> payload) {
        MemoryRows.Row row = memory.add(lane, topic, createdMs, aggregate, payload);
        if (memory.reserveDue()) {
            committer.request();
        }
        return row;
    }
}
