package io.ductwatch.bench.harness;

import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.store.SqliteOutbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

/**
 * Spill: reading messages into the SQLite store while the uplink is down, against a raw sqlite-jdbc
 * insert loop writing the same payload bytes into the same shape of table, in the same WAL mode, with a
 * commit every {@link #BATCH} rows as the gateway's once-a-second flush does at 1000 messages a second.
 */
final class Spill {

    static final int BATCH = 1000;

    private Spill() {
    }

    /** Messages per second through {@link SqliteOutbox#append} and {@code flush}. */
    static double gateway(Path file, List<byte[]> payloads) {
        long start = System.nanoTime();
        try (SqliteOutbox outbox = SqliteOutbox.open(file, Backlog.T0)) {
            for (int i = 0; i < payloads.size(); i++) {
                byte[] payload = payloads.get(i);
                outbox.append(Lane.READING, Backlog.TOPICS.reading(), Backlog.T0, seq -> payload);
                if (i % BATCH == BATCH - 1) {
                    outbox.flush();
                }
            }
            outbox.flush();
        }
        return payloads.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** Messages per second through plain batched inserts. */
    static double rawBaseline(Path file, List<byte[]> payloads) throws Exception {
        Files.deleteIfExists(file);
        long start = System.nanoTime();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = NORMAL");
                st.execute("CREATE TABLE outbox (seq INTEGER PRIMARY KEY, lane INTEGER NOT NULL, topic TEXT NOT NULL,"
                        + " payload BLOB NOT NULL, created_ms INTEGER NOT NULL, aggregate INTEGER NOT NULL DEFAULT 0)");
                st.execute("CREATE INDEX outbox_lane ON outbox (lane, seq)");
            }
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO outbox (seq, lane, topic, payload, created_ms, aggregate) VALUES (?, ?, ?, ?, ?, 0)")) {
                for (int i = 0; i < payloads.size(); i++) {
                    insert.setLong(1, i + 1L);
                    insert.setInt(2, 1);
                    insert.setString(3, Backlog.TOPICS.reading());
                    insert.setBytes(4, payloads.get(i));
                    insert.setLong(5, Backlog.T0.toEpochMilli());
                    insert.addBatch();
                    if (i % BATCH == BATCH - 1) {
                        insert.executeBatch();
                        db.commit();
                    }
                }
                insert.executeBatch();
                db.commit();
            }
        }
        return payloads.size() / ((System.nanoTime() - start) / 1e9);
    }
}
