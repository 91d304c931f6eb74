package io.ductwatch.gateway.store;

import io.ductwatch.gateway.core.GatewayHealth;
import io.ductwatch.gateway.core.Outbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

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
 * <p>Thread-safe: one connection for the data, every method on it synchronized; a second one only
 * checkpoints the write-ahead log after each {@link #flush()}, outside the lock, so that no commit (an
 * alarm's least of all) ever pays for a checkpoint. {@link #close()} flushes, marks the reserved block as
 * used up to the last seq so that a clean stop announces no gap, and closes.
 */
public final class SqliteOutbox implements Outbox, GatewayHealth.StorePort, AutoCloseable {

    static final int SCHEMA_VERSION = 3;
    /** Readings thinned per pass when the store is over its cap. */
    static final int THIN_BATCH = 2000;
    /**
     * Largest aggregate message a thinning pass makes: well under the message limits of common brokers
     * (AWS IoT Core takes 128 KB), since a message a broker refuses would block its lane for good.
     */
    public static final int MAX_AGGREGATE_BYTES = 64 * 1024;
    /** Uncommitted messages kept in memory while the store cannot write, before readings are dropped. */
    public static final long MAX_UNCOMMITTED_BYTES = 4L * 1024 * 1024;
    /** Bytes logged (rows written or deleted, estimated) after which a flush checkpoints the write-ahead log. */
    static final long CHECKPOINT_BYTES = 1024 * 1024;
    /** What a row written or deleted adds to the log besides its payload, roughly. */
    private static final int ROW_OVERHEAD_BYTES = 64;
    /** Acknowledgements that make {@link #next} delete them at once rather than leave them to the next flush. */
    static final int ACK_BATCH = 256;
    /** Seqs reserved durably at a time. */
    static final int SEQ_BLOCK = 1000;
    static final int SYNCHRONOUS_NORMAL = 1;
    static final int SYNCHRONOUS_FULL = 2;

    private static final Logger LOG = LoggerFactory.getLogger(SqliteOutbox.class);

    private record Row(long seq, Lane lane, String topic, byte[] payload, long createdMs, boolean aggregate) {

        Message message() {
            return new Message(seq, lane, topic, payload, Instant.ofEpochMilli(createdMs));
        }
    }

    private final Path file;
    private final Connection db;
    /** A second connection that only checkpoints the write-ahead log, outside the store's lock. */
    private Connection checkpointer;
    private final Object checkpointLock = new Object();
    private boolean checkpointFailing;
    private long loggedSinceCheckpoint;
    private final String bootId;
    private final Optional<String> previousBootId;
    private final long bootCount;
    private final List<long[]> startupGaps;
    private final Path recoveredFrom;
    private final List<Row> buffered = new ArrayList<>();
    private final List<Long> acknowledged = new ArrayList<>();
    private long bufferedBytes;
    private final PreparedStatement[] selectNext = new PreparedStatement[Lane.values().length];
    private String writeFailure;
    private String lastWriteFailure = "";
    private long failedWrites;
    private long nextSeq;
    private long reservedUntil;
    private long committedMax;
    private long pendingCommitted;
    private int lastAlarmCommitSynchronous = -1;
    private boolean forgetLost;
    private volatile boolean closed;
    /** Commits staged alarms on a thread of its own, under the store's lock, at synchronous=FULL. */
    private final CommitThread committer = new CommitThread(() -> {
        synchronized (this) {
            if (!closed) {
                commitBuffered(SYNCHRONOUS_FULL);
            }
        }
    });

    private SqliteOutbox(Path file, Connection db, String bootId, Optional<String> previousBootId, long bootCount,
                         List<long[]> startupGaps, Path recoveredFrom, long nextSeq, long reservedUntil,
                         long committedMax, long pendingCommitted) {
        this.file = file;
        this.db = db;
        this.bootId = bootId;
        this.previousBootId = previousBootId;
        this.bootCount = bootCount;
        this.startupGaps = List.copyOf(startupGaps);
        this.recoveredFrom = recoveredFrom;
        this.nextSeq = nextSeq;
        this.reservedUntil = reservedUntil;
        this.committedMax = committedMax;
        this.pendingCommitted = pendingCommitted;
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
        if (Files.exists(file) && !intact(file)) {
            recovered = keepAside(file, now);
        }
        try {
            Connection db = connect(file);
            try (Statement st = db.createStatement()) {
                // This connection never checkpoints: an alarm's commit must not pay for copying the log back.
                st.execute("PRAGMA wal_autocheckpoint = 0");
            }
            migrate(db);
            long reserved = meta(db, "seq_reserved", 0);
            long committed = meta(db, "seq_committed", 0);
            long bootCount = meta(db, "boot_count", 0) + 1;
            long next = Math.max(reserved, committed) + 1;
            String bootId = UUID.randomUUID().toString().substring(0, 8);
            Optional<String> previousBootId = metaText(db, "boot_id");
            transaction(db, SYNCHRONOUS_FULL, () -> {
                if (reserved > committed) {
                    try (PreparedStatement lost = db.prepareStatement("INSERT INTO lost (first, last) VALUES (?, ?)")) {
                        lost.setLong(1, committed + 1);
                        lost.setLong(2, reserved);
                        lost.executeUpdate();
                    }
                }
                setMeta(db, "boot_count", bootCount);
                setMetaText(db, "boot_id", bootId);
                setMeta(db, "seq_reserved", next + SEQ_BLOCK - 1);
                setMeta(db, "seq_committed", next - 1);
            });
            List<long[]> gaps = new ArrayList<>();
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("SELECT first, last FROM lost ORDER BY first")) {
                while (rs.next()) {
                    gaps.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
            long pending;
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM outbox")) {
                pending = rs.getLong(1);
            }
            LOG.info("store {}: boot {} (#{}), {} messages pending, seq continues at {}{}", file, bootId, bootCount,
                    pending, next, gaps.isEmpty() ? "" : ", lost seqs " + gaps.get(0)[0] + "-" + gaps.get(0)[1]);
            SqliteOutbox store = new SqliteOutbox(file, db, bootId, previousBootId, bootCount, gaps, recovered, next,
                    next + SEQ_BLOCK - 1, next - 1, pending);
            store.committer.start();
            return store;
        } catch (SQLException e) {
            throw new StoreException("cannot open the store " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(5000);
        config.setJournalSizeLimit(64 * 1024 * 1024);
        return config.createConnection("jdbc:sqlite:" + file);
    }

    /** Whether an existing file opens and passes {@code PRAGMA integrity_check}. */
    public static boolean intact(Path file) {
        try (Connection db = connect(file); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            String verdict = rs.next() ? rs.getString(1) : "no answer";
            if (!"ok".equals(verdict)) {
                LOG.error("store {} failed its integrity check: {}", file, verdict);
                return false;
            }
            return true;
        } catch (SQLException e) {
            LOG.error("store {} cannot be read as SQLite: {}", file, e.getMessage());
            return false;
        }
    }

    private static Path keepAside(Path file, Instant now) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + now.toEpochMilli());
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            for (String suffix : List.of("-wal", "-shm")) {
                Path side = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(side)) {
                    Files.move(side, aside.resolveSibling(aside.getFileName() + suffix));
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot move the corrupt store " + file + " aside: " + e.getMessage(), e);
        }
        LOG.error("corrupt store kept as {}; a fresh store is opened", aside);
        return aside;
    }

    private static void migrate(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.executeUpdate("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            long version = meta(db, "schema_version", 0);
            if (version > SCHEMA_VERSION) {
                throw new SQLException("store schema " + version + " is newer than this gateway's " + SCHEMA_VERSION
                        + "; run the newer gateway or move the store away");
            }
            if (version < 1) {
                st.executeUpdate("CREATE TABLE outbox (seq INTEGER PRIMARY KEY, lane INTEGER NOT NULL,"
                        + " topic TEXT NOT NULL, payload BLOB NOT NULL, created_ms INTEGER NOT NULL,"
                        + " aggregate INTEGER NOT NULL DEFAULT 0)");
                setMeta(db, "schema_version", 1);
            }
            if (version < 3 && version >= 1) {
                st.executeUpdate("ALTER TABLE outbox ADD COLUMN aggregate INTEGER NOT NULL DEFAULT 0");
            }
            if (version < 2) {
                // Lost seq ranges not yet announced: kept until the gap message that names them is stored,
                // so a crash during start-up cannot forget them.
                st.executeUpdate("CREATE TABLE lost (first INTEGER NOT NULL, last INTEGER NOT NULL)");
            }
            if (version < SCHEMA_VERSION) {
                setMeta(db, "schema_version", SCHEMA_VERSION);
            }
            // Only the few alarm-lane rows are indexed, so storing and deleting a reading touches one b-tree, not
            // two. Not a schema change: an older gateway reads the same table (it finds alarms by a scan).
            st.executeUpdate("DROP INDEX IF EXISTS outbox_lane");
            st.executeUpdate("CREATE INDEX IF NOT EXISTS outbox_alarms ON outbox (seq) WHERE lane = 0");
        }
    }

    // ---------------------------------------------------------------- Outbox

    @Override
    public synchronized long append(Lane lane, String topic, Instant createdAt, LongFunction<byte[]> payload) {
        long seq = allocate();
        buffer(new Row(seq, lane, topic, payload.apply(seq), createdAt.toEpochMilli(), false));
        if (lane == Lane.ALARM) {
            commitBuffered(SYNCHRONOUS_FULL);
        }
        return seq;
    }

    /**
     * Stages an alarm event: its row in memory now (offered by {@link #next} at once), committed at
     * {@code synchronous=FULL} by the store's committer thread right after, so the caller publishes it while
     * the disk syncs. A power cut before that commit leaves its seq to be announced on {@code gap} at the next
     * start, like every seq reserved and not committed.
     */
    @Override
    public Message stage(String topic, Instant createdAt, LongFunction<byte[]> payload) {
        Row row;
        synchronized (this) {
            long seq = allocate();
            row = new Row(seq, Lane.ALARM, topic, payload.apply(seq), createdAt.toEpochMilli(), false);
            buffer(row);
        }
        committer.request();
        return row.message();
    }

    @Override
    public void flush() {
        boolean due;
        synchronized (this) {
            commitBuffered(SYNCHRONOUS_NORMAL);
            due = loggedSinceCheckpoint >= CHECKPOINT_BYTES;
            if (due) {
                loggedSinceCheckpoint = 0;
            }
        }
        if (due) {
            checkpoint();
        }
    }

    /**
     * Copies committed pages from the write-ahead log back into the file, on a connection of its own and
     * outside the store's lock; PASSIVE, so it neither waits for a commit nor holds one up. Runs after a flush
     * once about {@link #CHECKPOINT_BYTES} were logged since the last one (SQLite's own default is 4 MB).
     */
    private void checkpoint() {
        synchronized (checkpointLock) {
            if (closed) {
                return;
            }
            try {
                if (checkpointer == null) {
                    checkpointer = connect(file);
                }
                try (Statement st = checkpointer.createStatement()) {
                    st.execute("PRAGMA wal_checkpoint(PASSIVE)");
                }
                checkpointFailing = false;
            } catch (SQLException e) {
                if (!checkpointFailing) {
                    LOG.warn("store checkpoint failed (tried again after each flush): {}", e.getMessage());
                }
                checkpointFailing = true;
            }
        }
    }

    private void closeCheckpointer() {
        synchronized (checkpointLock) {
            if (checkpointer != null) {
                try {
                    checkpointer.close();
                } catch (SQLException e) {
                    LOG.debug("checkpointer close: {}", e.getMessage());
                }
                checkpointer = null;
            }
        }
    }

    @Override
    public synchronized List<Message> next(Lane lane, long afterSeq, int max) {
        // Acknowledged rows are deleted in batches (by flush, or here once many wait), not one small transaction
        // per read: a caller reading on from a cursor is never offered them again, as they lie behind it. A read
        // from the start (a new connection) deletes them first, so they are not sent twice.
        if (afterSeq == 0 || acknowledged.size() >= ACK_BATCH) {
            applyAcknowledgements();
        }
        List<Message> messages = new ArrayList<>();
        try {
            PreparedStatement st = selectNext[lane.ordinal()];
            if (st == null) {
                // Prepared once: the uplink reads many small pages.
                // The literal lane lets SQLite use the partial index of alarms; readings are read along the seq.
                st = db.prepareStatement("SELECT seq, topic, payload, created_ms FROM outbox WHERE lane = "
                        + lane.ordinal() + " AND seq > ? ORDER BY seq LIMIT ?");
                selectNext[lane.ordinal()] = st;
            }
            st.setLong(1, afterSeq);
            st.setInt(2, max);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    messages.add(new Message(rs.getLong(1), lane, rs.getString(2), rs.getBytes(3),
                            Instant.ofEpochMilli(rs.getLong(4))));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the outbox: " + e.getMessage(), e);
        }
        if (writeFailure != null || lane == Lane.ALARM) {
            // Uncommitted messages come after every committed one (seqs grow with appends): offer them too;
            // staged alarms always (they are published while they commit), the rest while the store cannot write.
            for (int i = 0; i < buffered.size() && messages.size() < max; i++) {
                Row row = buffered.get(i);
                if (row.lane() == lane && row.seq() > afterSeq) {
                    messages.add(row.message());
                }
            }
        }
        return messages;
    }

    @Override
    public synchronized void acknowledge(long seq) {
        for (int i = 0; writeFailure != null && i < buffered.size(); i++) {
            if (buffered.get(i).seq() == seq) {
                // Delivered before it could be stored: it need never be.
                bufferedBytes -= buffered.remove(i).payload().length;
                return;
            }
        }
        acknowledged.add(seq);
    }

    /** Why the store cannot write, while it cannot; empty once a commit succeeds again. */
    @Override
    public synchronized boolean writeFailing() {
        return writeFailure().isPresent();
    }

    public synchronized Optional<String> writeFailure() {
        return Optional.ofNullable(writeFailure);
    }

    /**
     * Writes that failed since the store opened: on a full disk SQLite may still fit a commit in freed pages
     * now and then, so a TROUBLE follows this count, not only {@link #writeFailure()} at one instant.
     */
    @Override
    public synchronized long failedWrites() {
        return failedWrites;
    }

    /** Why the last failed write failed, or empty if none did. */
    @Override
    public synchronized String lastWriteFailure() {
        return lastWriteFailure;
    }

    /** Bytes of messages held in memory, not yet committed. */
    @Override
    public synchronized long uncommittedBytes() {
        return bufferedBytes;
    }

    @Override
    public synchronized long pending() {
        return pendingCommitted + buffered.size() - acknowledged.size();
    }

    @Override
    public synchronized Optional<Instant> oldestPending() {
        applyAcknowledgements();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT created_ms FROM outbox ORDER BY seq LIMIT 1")) {
            if (rs.next()) {
                return Optional.of(Instant.ofEpochMilli(rs.getLong(1)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the outbox: " + e.getMessage(), e);
        }
        return buffered.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(buffered.get(0).createdMs()));
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

    private static long pragma(Statement st, String name) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            return rs.getLong(1);
        }
    }

    /** How a thinning pass turns stored readings into one aggregate and names what it replaced. */
    public interface Thinner {

        /**
         * One message of one-minute aggregates for the given reading payloads: the work is done here, outside
         * the store's lock; the result writes the payload for a seq (cheap, under the lock).
         */
        LongFunction<byte[]> aggregate(List<byte[]> readingPayloads);

        /** The payload announcing on {@code gap}, at {@code at}, the seq ranges that were thinned or dropped. */
        byte[] gap(long seq, Instant at, List<long[]> ranges, String reason);
    }

    /**
     * Keeps the store under {@code maxBytes}: while it holds more than {@code share} of it, the oldest
     * readings are replaced, {@link #THIN_BATCH} at a time, by one message of one-minute aggregates, and
     * the seqs they had are announced on {@code gap}; when only aggregates are left, the oldest of those
     * go, announced the same way. Alarms, troubles and gaps are never thinned or dropped.
     *
     * <p>Each pass holds the store's lock only to select its rows and, later, to store its result in one
     * short transaction; the aggregation, the expensive part, runs outside it, so an alarm arriving during a
     * pass never waits for it. The transaction commits at {@code synchronous=NORMAL}: in WAL mode a power cut
     * keeps it or rolls it back whole (the readings stay, or their aggregate and gap are stored), so it needs
     * no fsync of its own. Readings acknowledged by the broker while a pass aggregated them are announced on
     * {@code gap} all the same: a repeat, never a loss. Called from one thread at a time (the gateway's
     * maintenance timer).
     *
     * @return how many messages were thinned or dropped
     */
    public int enforceCap(long maxBytes, double share, Instant now, String readingTopic, String gapTopic,
                          Thinner thinner) {
        synchronized (this) {
            if (writeFailure != null) {
                return shedUncommitted(now, gapTopic, thinner);
            }
        }
        int removed = 0;
        for (int pass = 0; pass < 100; pass++) {
            int done = thinPass(maxBytes * share, now, readingTopic, gapTopic, thinner);
            if (done == 0) {
                break;
            }
            removed += done;
        }
        return removed;
    }

    /** The rows a thinning pass replaces: (seq, created_ms) and their payloads, oldest first. */
    private record Selection(List<long[]> rows, List<byte[]> payloads, boolean aggregates) {
    }

    private int thinPass(double limitBytes, Instant now, String readingTopic, String gapTopic, Thinner thinner) {
        Selection selected;
        synchronized (this) {
            if (closed || sizeBytes() <= limitBytes || !commitBuffered(SYNCHRONOUS_NORMAL)
                    || !applyAcknowledgements()) {
                return 0;
            }
            selected = select(false);
            if (selected.rows().isEmpty()) {
                selected = select(true);
            }
        }
        if (selected.rows().isEmpty()) {
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
        List<long[]> ranges = ranges(rows);
        synchronized (this) {
            if (closed) {
                return 0;
            }
            if (aggregate != null) {
                long aggregateSeq = allocate();
                buffer(new Row(aggregateSeq, Lane.READING, readingTopic, aggregate.apply(aggregateSeq), rows.get(0)[1],
                        true));
            }
            long gapSeq = allocate();
            buffer(new Row(gapSeq, Lane.ALARM, gapTopic, thinner.gap(gapSeq, now, ranges,
                    selected.aggregates() ? "store full: oldest one-minute aggregates dropped"
                            : "store near full: readings thinned to one-minute aggregates (seq " + (gapSeq - 1) + ")"),
                    now.toEpochMilli(), false));
            rows.forEach(r -> acknowledged.add(r[0]));
            commitBuffered(SYNCHRONOUS_NORMAL);
        }
        LOG.warn("store near its cap: {} {} replaced", rows.size(),
                selected.aggregates() ? "aggregates dropped" : "readings thinned");
        return rows.size();
    }

    /**
     * While the store cannot write and memory holds more than {@link #MAX_UNCOMMITTED_BYTES}: drops the oldest
     * uncommitted readings down to three quarters of it, and buffers the {@code gap} message naming them.
     */
    private int shedUncommitted(Instant now, String gapTopic, Thinner thinner) {
        if (bufferedBytes <= MAX_UNCOMMITTED_BYTES) {
            return 0;
        }
        List<long[]> dropped = new ArrayList<>();
        for (int i = 0; i < buffered.size() && bufferedBytes > MAX_UNCOMMITTED_BYTES * 3 / 4; ) {
            Row row = buffered.get(i);
            if (row.lane() == Lane.READING) {
                buffered.remove(i);
                bufferedBytes -= row.payload().length;
                dropped.add(new long[] {row.seq(), row.createdMs()});
            } else {
                i++;
            }
        }
        if (dropped.isEmpty()) {
            return 0;
        }
        long gapSeq = allocate();
        buffer(new Row(gapSeq, Lane.ALARM, gapTopic, thinner.gap(gapSeq, now, ranges(dropped),
                "store cannot write (" + writeFailure + "): oldest readings dropped from memory"),
                now.toEpochMilli(), false));
        LOG.error("store cannot write: {} uncommitted readings dropped from memory, announced on gap", dropped.size());
        return dropped.size();
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

    private static List<long[]> ranges(List<long[]> rows) {
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

    @Override
    public synchronized long lastSeq() {
        return nextSeq - 1;
    }

    // ---------------------------------------------------------------- boot facts

    public String bootId() {
        return bootId;
    }

    /** The boot id of the gateway's previous start on this store, if there was one. */
    public Optional<String> previousBootId() {
        return previousBootId;
    }

    public long bootCount() {
        return bootCount;
    }

    /**
     * Seq ranges lost in power cuts and not yet announced, to announce on {@code gap}; empty after a clean
     * stop. They stay in the store until {@link #announceLost} stores the message that names them.
     */
    public List<long[]> startupGaps() {
        return startupGaps;
    }

    /**
     * Stores, in the alarm lane, the message announcing the lost ranges, and forgets the ranges, in one
     * durable transaction: a crash before it leaves them to announce at the next start.
     *
     * @return the message's seq, or -1 when there was nothing to announce
     */
    public synchronized long announceLost(String topic, Instant createdAt, LongFunction<byte[]> payload) {
        if (startupGaps.isEmpty()) {
            return -1;
        }
        long seq = allocate();
        buffer(new Row(seq, Lane.ALARM, topic, payload.apply(seq), createdAt.toEpochMilli(), false));
        forgetLost = true;
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
        buffered.clear();
        bufferedBytes = 0;
        acknowledged.clear();
        closeCheckpointer();
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
        closeCheckpointer();
        try {
            if (commitBuffered(SYNCHRONOUS_NORMAL) && applyAcknowledgements()) {
                transaction(db, SYNCHRONOUS_FULL, () -> setMeta(db, "seq_reserved", nextSeq - 1));
            } else {
                // The next start announces what could not be committed as lost.
                LOG.error("store closed with {} messages it could not write: {}", buffered.size(), writeFailure);
            }
            db.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the store cleanly: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- internals

    private long allocate() {
        if (nextSeq > reservedUntil) {
            try {
                long until = nextSeq + SEQ_BLOCK - 1;
                transaction(db, SYNCHRONOUS_FULL, () -> setMeta(db, "seq_reserved", until));
                reservedUntil = until;
            } catch (SQLException e) {
                // Seqs are handed out all the same (an alarm never waits on bookkeeping); the reservation is
                // tried again with the next seq. Should the gateway die before one succeeds, the next start
                // continues after the last durable reservation and may use again seqs this boot sent beyond
                // it: a double fault (disk full, then a crash) the payloads' bootId tells apart.
                failed("cannot reserve seqs", e);
            }
        }
        return nextSeq++;
    }

    private void buffer(Row row) {
        buffered.add(row);
        bufferedBytes += row.payload().length;
    }

    private void failed(String what, SQLException e) {
        if (writeFailure == null) {
            LOG.error("store cannot write ({}): {}; messages are kept in memory and offered from there", what,
                    e.getMessage());
        }
        writeFailure = e.getMessage();
        lastWriteFailure = writeFailure;
        failedWrites++;
    }

    /** Commits the buffered messages and the acknowledgements; false when the store cannot write. */
    private boolean commitBuffered(int synchronous) {
        if (buffered.isEmpty() && acknowledged.isEmpty()) {
            return true;
        }
        boolean inserts = !buffered.isEmpty();
        long highest = buffered.isEmpty() ? committedMax : Math.max(committedMax, buffered.get(buffered.size() - 1).seq());
        int[] removed = new int[1];
        try {
            transaction(db, synchronous, () -> {
                try (PreparedStatement insert = db.prepareStatement(
                        "INSERT INTO outbox (seq, lane, topic, payload, created_ms, aggregate) VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (Row row : buffered) {
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
                removed[0] = deleteAcknowledged();
                if (forgetLost) {
                    try (Statement st = db.createStatement()) {
                        st.executeUpdate("DELETE FROM lost");
                    }
                }
                setMeta(db, "seq_committed", highest);
                if (synchronous == SYNCHRONOUS_FULL) {
                    lastAlarmCommitSynchronous = currentSynchronous();
                }
            });
            settleAcknowledged(removed[0]);
            forgetLost = false;
            committedMax = highest;
            pendingCommitted += buffered.size();
            loggedSinceCheckpoint += bufferedBytes + ROW_OVERHEAD_BYTES * (buffered.size() + removed[0]);
            buffered.clear();
            bufferedBytes = 0;
            if (inserts) {
                // Only a commit that stored messages shows the store writes again (a small update may fit).
                recovered();
            }
            return true;
        } catch (SQLException e) {
            failed("commit", e);
            return false;
        }
    }

    private void recovered() {
        if (writeFailure != null) {
            LOG.warn("store writes again after: {}", writeFailure);
            writeFailure = null;
        }
    }

    /** Removes the acknowledged messages; false when the store cannot write (they are kept to remove later). */
    private boolean applyAcknowledgements() {
        if (acknowledged.isEmpty()) {
            return true;
        }
        int[] removed = new int[1];
        try {
            transaction(db, SYNCHRONOUS_NORMAL, () -> removed[0] = deleteAcknowledged());
            loggedSinceCheckpoint += ROW_OVERHEAD_BYTES * removed[0];
            settleAcknowledged(removed[0]);
            return true;
        } catch (SQLException e) {
            failed("remove acknowledged messages", e);
            return false;
        }
    }

    /** Deletes the acknowledged rows; the caller settles the counters once the transaction commits. */
    private int deleteAcknowledged() throws SQLException {
        if (acknowledged.isEmpty()) {
            return 0;
        }
        // Acknowledgements come mostly in runs of consecutive seqs: one ranged DELETE per run.
        long[] seqs = acknowledged.stream().mapToLong(Long::longValue).sorted().toArray();
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

    private void settleAcknowledged(int removed) {
        pendingCommitted -= removed;
        acknowledged.clear();
    }

    private int currentSynchronous() throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("PRAGMA synchronous")) {
            return rs.getInt(1);
        }
    }

    /** Work to run in one transaction. */
    private interface Work {
        void run() throws SQLException;
    }

    /**
     * Runs work in one transaction committed at a synchronous level; the level is set before the
     * transaction begins, since SQLite ignores a change of it inside one.
     */
    private static void transaction(Connection db, int synchronous, Work work) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("PRAGMA synchronous = " + synchronous);
        }
        db.setAutoCommit(false);
        try {
            work.run();
            db.commit();
        } catch (SQLException | RuntimeException e) {
            // A failed COMMIT (SQLITE_FULL) may have ended the transaction already: keep the first error.
            try {
                db.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            try {
                db.setAutoCommit(true);
            } catch (SQLException reset) {
                e.addSuppressed(reset);
            }
            throw e;
        }
        db.setAutoCommit(true);
    }

    private static long meta(Connection db, String key, long fallback) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Long.parseLong(rs.getString(1)) : fallback;
            }
        }
    }

    private static Optional<String> metaText(Connection db, String key) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static void setMeta(Connection db, String key, long value) throws SQLException {
        setMetaText(db, key, Long.toString(value));
    }

    private static void setMetaText(Connection db, String key, String value) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            st.setString(1, key);
            st.setString(2, value);
            st.executeUpdate();
        }
    }
}
