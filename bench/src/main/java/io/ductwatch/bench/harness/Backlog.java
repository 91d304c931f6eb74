package io.ductwatch.bench.harness;

import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.store.SqliteOutbox;
import io.ductwatch.gateway.payload.Payloads;
import io.ductwatch.gateway.uplink.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A store holding a backlog of reading messages, one reading each (the smallest batch, so the most
 * messages), as a long outage leaves it; and the very payload bytes, for a baseline to send the same.
 */
final class Backlog {

    /**
     * Payloads a background load keeps in memory ({@link #fill(Path, int, int)}): the alarm-latency figures run the
     * gateway in the harness's JVM with the packaged 64 MB heap, which a backlog's every payload would not fit.
     */
    static final int LOAD_POOL = 10_000;

    static final Topics TOPICS = Topics.of("bench", "gw01");
    static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

    final Path file;
    final List<byte[]> payloads;

    private Backlog(Path file, List<byte[]> payloads) {
        this.file = file;
        this.payloads = payloads;
    }

    /** The same payloads in another store file (a copy of the filled one). */
    static Backlog at(Path file, List<byte[]> payloads) {
        return new Backlog(file, payloads);
    }

    /** Fills a new store at {@code file} with {@code messages} readings, committed a thousand at a time. */
    static Backlog fill(Path file, int messages) {
        return fill(file, messages, messages);
    }

    /**
     * Fills a new store as {@link #fill(Path, int)} does, but keeps only the first {@code kept} payloads in memory:
     * {@link #payloads} then repeats them, in order, up to the store's count. For a baseline's background load,
     * which needs messages of the same size at the same rate, not distinct seqs, in a JVM with the gateway's 64 MB
     * heap: every payload would take about 230 MB a million.
     */
    static Backlog fill(Path file, int messages, int kept) {
        List<byte[]> pool = new ArrayList<>(Math.min(messages, kept));
        try (SqliteOutbox outbox = SqliteOutbox.open(file, T0)) {
            Payloads payloads = new Payloads(outbox.bootId());
            for (int i = 0; i < messages; i++) {
                Instant at = T0.plusMillis(i * 10L);
                Reading reading = Reading.ok("t" + (i % 100), Quantity.TEMPERATURE, 20 + (i % 97) / 10.0, at);
                outbox.append(Lane.READING, TOPICS.reading(), at, seq -> {
                    byte[] payload = payloads.readings(seq, at, List.of(reading), true);
                    if (pool.size() < kept) {
                        pool.add(payload);
                    }
                    return payload;
                });
                if (i % 1000 == 999) {
                    outbox.flush();
                }
            }
        }
        return new Backlog(file, pool.size() == messages ? pool : repeating(pool, messages));
    }

    private static List<byte[]> repeating(List<byte[]> pool, int size) {
        return new AbstractList<>() {
            @Override
            public byte[] get(int index) {
                return pool.get(Objects.checkIndex(index, size) % pool.size());
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
