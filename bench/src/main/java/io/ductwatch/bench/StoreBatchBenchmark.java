package io.ductwatch.bench;

import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.store.SqliteOutbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One store batch: 100 reading messages appended and committed by the gateway's store, beside the same
 * rows through plain batched sqlite-jdbc inserts into the same shape of table, both in WAL mode with
 * {@code synchronous=NORMAL} on the same file system. Time per message; {@code -prof gc} for allocations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoreBatchBenchmark {

    private static final int BATCH = 100;
    private static final byte[] PAYLOAD = ("{\"seq\":1,\"ts\":\"2026-11-27T08:19:00.000Z\",\"timeSynced\":true,"
            + "\"bootId\":\"7f3a9c01\",\"readings\":[{\"sensor\":\"t07\",\"quantity\":\"TEMPERATURE\",\"value\":21.5,"
            + "\"unit\":\"°C\",\"quality\":\"OK\",\"ts\":\"2026-11-27T08:19:00.000Z\"}]}").getBytes(StandardCharsets.UTF_8);

    private Path dir;
    private SqliteOutbox outbox;
    private Connection raw;
    private PreparedStatement insert;
    private long rawSeq;
    private final Instant at = Instant.parse("2026-11-27T08:19:00.000Z");

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("ductwatch-jmh-store");
        outbox = SqliteOutbox.open(dir.resolve("store.db"), at);
        raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("raw.db"));
        try (Statement st = raw.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("PRAGMA synchronous = NORMAL");
            st.execute("CREATE TABLE outbox (seq INTEGER PRIMARY KEY, lane INTEGER NOT NULL, topic TEXT NOT NULL,"
                    + " payload BLOB NOT NULL, created_ms INTEGER NOT NULL, aggregate INTEGER NOT NULL DEFAULT 0)");
            st.execute("CREATE INDEX outbox_lane ON outbox (lane, seq)");
        }
        raw.setAutoCommit(false);
        insert = raw.prepareStatement(
                "INSERT INTO outbox (seq, lane, topic, payload, created_ms, aggregate) VALUES (?, 1, ?, ?, ?, 0)");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        outbox.close();
        insert.close();
        raw.close();
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void gatewayStoreBatch() {
        for (int i = 0; i < BATCH; i++) {
            outbox.append(Lane.READING, "ductwatch/bench/gw01/reading", at, seq -> PAYLOAD);
        }
        outbox.flush();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void baselineRawBatch() throws Exception {
        for (int i = 0; i < BATCH; i++) {
            insert.setLong(1, ++rawSeq);
            insert.setString(2, "ductwatch/bench/gw01/reading");
            insert.setBytes(3, PAYLOAD);
            insert.setLong(4, at.toEpochMilli());
            insert.addBatch();
        }
        insert.executeBatch();
        raw.commit();
    }
}
