package io.ductwatch.gateway.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection of its own to the store's file, beside the writing one: opened at first use, closed once for
 * good with the store. Not thread-safe: its owner's lock guards it.
 */
final class SideConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SideConnection.class);

    private final Path file;
    private Connection connection;
    private boolean closed;

    SideConnection(Path file) {
        this.file = file;
    }

    /** The connection, opened now if it is not yet; an error once the store is closed. */
    Connection get() throws SQLException {
        if (closed) {
            throw new SQLException("the store is closed");
        }
        if (connection == null) {
            connection = StoreFile.connect(file);
        }
        return connection;
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing a side connection to {}: {}", file, e.getMessage());
            }
            connection = null;
        }
    }
}
