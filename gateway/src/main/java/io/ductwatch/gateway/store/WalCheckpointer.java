package io.ductwatch.gateway.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies committed pages from the store's write-ahead log back into its file, on a connection of its own
 * and outside the store's lock; PASSIVE, so it neither waits for a commit nor holds one up. The store's
 * connection never checkpoints ({@code wal_autocheckpoint=0}), so no commit, an alarm's least of all, pays
 * for it. The store counts what its commits logged ({@link #logged}, under its lock) and calls
 * {@link #runIfDue} after a flush, outside its lock, on the thread that flushed.
 */
final class WalCheckpointer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

    private final SideConnection connection;
    private final long everyBytes;
    private final AtomicLong logged = new AtomicLong();
    private boolean failing;

    /** @param everyBytes bytes logged after which a checkpoint is due (SQLite's own default is 4 MB) */
    WalCheckpointer(Path file, long everyBytes) {
        this.connection = new SideConnection(file);
        this.everyBytes = everyBytes;
    }

    /** A commit logged about this many bytes. */
    void logged(long bytes) {
        logged.addAndGet(bytes);
    }

    /** Checkpoints if about {@code everyBytes} were logged since the last one. */
    synchronized void runIfDue() {
        if (connection.closed() || logged.get() < everyBytes) {
            return;
        }
        logged.set(0);
        try {
            try (Statement st = connection.get().createStatement()) {
                st.execute("PRAGMA wal_checkpoint(PASSIVE)");
            }
            failing = false;
        } catch (SQLException e) {
            if (!failing) {
                LOG.warn("store checkpoint failed (tried again after each flush): {}", e.getMessage());
            }
            failing = true;
        }
    }

    @Override
    public synchronized void close() {
        connection.close();
    }
}
