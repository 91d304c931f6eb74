package io.ductwatch.bench.harness;

import io.ductwatch.gateway.app.Gateway;
import io.ductwatch.gateway.payload.Payloads;
import io.ductwatch.gateway.store.SqliteOutbox;
import io.ductwatch.gateway.uplink.MinuteAggregates;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The thinning baseline's load: the gateway's own thinning ({@link SqliteOutbox#enforceCap}, its
 * {@link MinuteAggregates}, the share {@link Gateway#THIN_ABOVE} and the timer period {@link Gateway#THIN_EVERY})
 * working on a copy of the same store at the same cap, in the harness's JVM on its core, with no gateway around
 * it: the processor and the disk a raw round trip has to share while a store is thinned.
 */
final class StoreThinningLoad implements AutoCloseable {

    private final SqliteOutbox store;
    private final double limitBytes;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "bench-thinning-load"));

    StoreThinningLoad(Path copy, long capBytes) {
        this.store = SqliteOutbox.open(copy, Instant.now());
        this.limitBytes = capBytes * Gateway.THIN_ABOVE;
        MinuteAggregates thinner = new MinuteAggregates(new Payloads(store.bootId()), () -> true);
        long every = Gateway.THIN_EVERY.toMillis();
        timer.scheduleAtFixedRate(() -> store.enforceCap(capBytes, Gateway.THIN_ABOVE, Instant.now(),
                Backlog.TOPICS.reading(), Backlog.TOPICS.gap(), thinner), 0, every, TimeUnit.MILLISECONDS);
    }

    /** Whether the copy is still above the size thinning brings it to. */
    boolean thinning() {
        return store.sizeBytes() > limitBytes;
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.MINUTES);
        store.close();
    }
}
