package io.ductwatch.gateway.store;

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
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The store's SQLite file: its connection settings (WAL, busy timeout, journal size), its integrity check
 * and keeping a corrupt file aside, its schema and migrations, the {@code meta} table, and transactions at a
 * chosen synchronous level. Static helpers, no state: the callers own the connections and their locks.
 */
final class StoreFile {

    static final int SCHEMA_VERSION = 3;
    static final int SYNCHRONOUS_NORMAL = 1;
    static final int SYNCHRONOUS_FULL = 2;

    private static final Logger LOG = LoggerFactory.getLogger(StoreFile.class);

    private StoreFile() {
    }

    /** The writing connection on a checked file, and where a corrupt file was kept aside (null if none was). */
    record Opened(Connection db, Path recoveredFrom) {
    }

    /**
     * Opens the store's writing connection: creates the folder, keeps a corrupt file aside (named by {@code now})
     * and starts a fresh one, turns the connection's automatic checkpoints off (an alarm's commit must not pay
     * for copying the log back: {@link WalCheckpointer} does it on its own connection) and migrates the schema.
     */
    static Opened openWriter(Path file, Instant now) throws SQLException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new StoreException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        Path recovered = null;
        if (Files.exists(file) && !intact(file)) {
            recovered = keepAside(file, now);
        }
        Connection db = connect(file);
        try (Statement st = db.createStatement()) {
            st.execute("PRAGMA wal_autocheckpoint = 0");
            migrate(db);
        } catch (SQLException e) {
            db.close();
            throw e;
        }
        return new Opened(db, recovered);
    }

    static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(5000);
        config.setJournalSizeLimit(64 * 1024 * 1024);
        return config.createConnection("jdbc:sqlite:" + file);
    }

    /** Whether an existing file opens and passes {@code PRAGMA integrity_check}. */
    static boolean intact(Path file) {
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

    static Path keepAside(Path file, Instant now) {
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

    static void migrate(Connection db) throws SQLException {
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

    static long pragma(Statement st, String name) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            return rs.getLong(1);
        }
    }

    /** Work to run in one transaction. */
    interface Work {
        void run() throws SQLException;
    }

    /**
     * Runs work in one transaction committed at a synchronous level; the level is set before the
     * transaction begins, since SQLite ignores a change of it inside one.
     */
    static void transaction(Connection db, int synchronous, Work work) throws SQLException {
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

    static long meta(Connection db, String key, long fallback) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Long.parseLong(rs.getString(1)) : fallback;
            }
        }
    }

    static Optional<String> metaText(Connection db, String key) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static void setMeta(Connection db, String key, long value) throws SQLException {
        setMetaText(db, key, Long.toString(value));
    }

    static void setMetaText(Connection db, String key, String value) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            st.setString(1, key);
            st.setString(2, value);
            st.executeUpdate();
        }
    }
}
