package io.ductwatch.bench.harness;

import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.store.SqliteOutbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Spill: reading messages into the SQLite store while the uplink is down, against a raw sqlite-jdbc
 * insert loop writing the same payload bytes into the same shape of table, in the same WAL mode, with a
 * commit every {@link #BATCH} rows as the gateway's once-a-second flush does at 1000 messages a second.
 */
final class Spill {

    static final int BATCH = 1000;
    /**
     * Rounds of each side. A round takes seconds, and with three the medians' ratio wandered from 0.77 to 1.16
     * between full runs on the bench machine, so it gets more.
     */
    static final int ROUNDS = 9;

    private Spill() {
    }

    /**
     * The figure's line: {@link #ROUNDS} rounds of each side, which goes first alternating, so that neither always
     * inherits the other's unwritten pages; the medians' ratio, and the range of the rounds' own ratios.
     */
    static String line(Path dir, List<byte[]> payloads) throws Exception {
        List<Double> measured = new ArrayList<>();
        List<Double> baselines = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int side = 0; side < 2; side++) {
                if ((round + side) % 2 == 0) {
                    baselines.add(rawBaseline(dir.resolve("spill-raw.db"), payloads));
                    Harness.deleteStore(dir.resolve("spill-raw.db"));
                } else {
                    measured.add(gateway(dir.resolve("spill.db"), payloads));
                    Harness.deleteStore(dir.resolve("spill.db"));
                }
            }
            System.err.printf(Locale.ROOT, "spill round %d: %s per s, baseline %s per s%n", round,
                    Figures.rate(measured.get(round)), Figures.rate(baselines.get(round)));
        }
        DoubleSummaryStatistics rounds = IntStream.range(0, ROUNDS)
                .mapToDouble(round -> measured.get(round) / baselines.get(round)).summaryStatistics();
        double figure = Figures.median(measured, d -> d);
        double baseline = Figures.median(baselines, d -> d);
        return String.format(Locale.ROOT, "spill rate=%sper-s baseline-rate=%sper-s ratio=%s messages=%d batch=%d"
                        + " rounds=%d round-ratios=%s-%s", Figures.rate(figure), Figures.rate(baseline),
                Figures.ratio(figure, baseline), payloads.size(), BATCH, ROUNDS, Figures.ratio(rounds.getMin(), 1),
                Figures.ratio(rounds.getMax(), 1));
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
