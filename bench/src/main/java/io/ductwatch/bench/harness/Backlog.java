package io.ductwatch.bench.harness;

import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.store.SqliteOutbox;
import io.ductwatch.gateway.payload.Payloads;
import io.ductwatch.gateway.uplink.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A store holding a backlog of reading messages, one reading each (the smallest batch, so the most
 * messages), as a long outage leaves it; and the very payload bytes, for a baseline to send the same.
 */
final class Backlog {

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
        List<byte[]> kept = new ArrayList<>(messages);
        try (SqliteOutbox outbox = SqliteOutbox.open(file, T0)) {
            Payloads payloads = new Payloads(outbox.bootId());
            for (int i = 0; i < messages; i++) {
                Instant at = T0.plusMillis(i * 10L);
                Reading reading = Reading.ok("t" + (i % 100), Quantity.TEMPERATURE, 20 + (i % 97) / 10.0, at);
                outbox.append(Lane.READING, TOPICS.reading(), at, seq -> {
                    byte[] payload = payloads.readings(seq, at, List.of(reading), true);
                    kept.add(payload);
                    return payload;
                });
                if (i % 1000 == 999) {
                    outbox.flush();
                }
            }
        }
        return new Backlog(file, kept);
    }
}
