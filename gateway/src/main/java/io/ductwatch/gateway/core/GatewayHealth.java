package io.ductwatch.gateway.core;

import io.ductwatch.config.RulesConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The gateway's own conditions as TROUBLEs (DESIGN 3): uplink down too long, store cannot write, store
 * near full, store found corrupt at start, clock not synced, TLS certificate near expiry, a foreign
 * publisher on the gateway's retained topics. One policy, the same on a Pi and in the simulator: the
 * scheduler ticks it every {@link #PERIOD}, and it sets or clears each condition on the engine.
 *
 * <p>It reads the adapters through the small ports below, which they implement; each port method is
 * called on the scheduler's thread and must return at once (no I/O beyond a file size).
 */
public final class GatewayHealth {

    /** How often the conditions are judged; faults are due within 100 s (EN 54-2). */
    public static final Duration PERIOD = Duration.ofSeconds(10);
    /** A foreign publisher's TROUBLE clears this long after the last foreign message. */
    public static final Duration FOREIGN_CLEARS_AFTER = Duration.ofMinutes(10);

    /** The uplink as health sees it. Implemented by the MQTT uplink. */
    public interface UplinkPort {
        /** How long the uplink has been down, zero while connected (wall time). */
        Duration downFor();

        /** The last message a foreign publisher wrote on the gateway's retained topics, if any. */
        Optional<ForeignWrite> lastForeignWrite();
    }

    /** A message on the gateway's own retained topics that it did not publish: when (wall time) and where. */
    public record ForeignWrite(long atMillis, String topic) {
    }

    /** The store as health sees it. Implemented by the SQLite store. */
    public interface StorePort {
        /** Whether a write is failing now. */
        boolean writeFailing();

        /** How many writes have failed since the store opened. */
        long failedWrites();

        String lastWriteFailure();

        /** Bytes of messages kept in memory because they could not be written. */
        long uncommittedBytes();

        long sizeBytes();

        long pending();

        /** Where a corrupt store found at start was set aside, if it was. */
        Optional<java.nio.file.Path> recoveredFrom();
    }

    private final RuleEngine engine;
    private final Scheduler scheduler;
    private final LongSupplier wallMillis;
    private final RulesConfig.Trouble limits;
    private final long storeCapBytes;
    private final UplinkPort uplink;
    private final StorePort store;
    private final BooleanSupplier timeSynced;
    private final String clockHint;
    private final java.util.function.BiFunction<Duration, Instant, List<String>> expiringCertificates;
    private long failedWritesSeen;

    /**
     * @param clockHint            what an installer checks when the clock is not synced
     * @param expiringCertificates the TLS certificates expiring within a margin of an instant, described;
     *                             {@code (m, t) -> List.of()} without TLS
     */
    public GatewayHealth(RuleEngine engine, Scheduler scheduler, LongSupplier wallMillis, RulesConfig.Trouble limits,
                         long storeCapBytes, UplinkPort uplink, StorePort store, BooleanSupplier timeSynced,
                         String clockHint,
                         java.util.function.BiFunction<Duration, Instant, List<String>> expiringCertificates) {
        this.engine = engine;
        this.scheduler = scheduler;
        this.wallMillis = wallMillis;
        this.limits = limits;
        this.storeCapBytes = storeCapBytes;
        this.uplink = uplink;
        this.store = store;
        this.timeSynced = timeSynced;
        this.clockHint = clockHint;
        this.expiringCertificates = expiringCertificates;
    }

    /** Judges once now and then every {@link #PERIOD}. */
    public Scheduler.Cancellable start() {
        return scheduler.scheduleAtFixedRate(Duration.ZERO, PERIOD, this::tick);
    }

    /** Judges every condition once. */
    public void tick() {
        Instant at = scheduler.now();
        Duration down = uplink.downFor();
        set("uplink", down.compareTo(limits.uplinkDown()) >= 0,
                "uplink down for " + down.toSeconds() + " s; " + store.pending() + " messages kept", at);
        // Failing now, or failed since the last look: on a full disk a commit still fits now and then.
        long failedWrites = store.failedWrites();
        boolean failing = store.writeFailing() || failedWrites > failedWritesSeen;
        failedWritesSeen = failedWrites;
        set("store-write", failing, "store cannot write (" + store.lastWriteFailure() + "); "
                + (store.uncommittedBytes() >> 10) + " KB of messages kept in memory", at);
        long size = store.sizeBytes();
        double pct = 100.0 * size / storeCapBytes;
        set("storage", pct >= limits.storageWarnPct(), String.format(Locale.ROOT, "store %.0f %% full (%d of %d MB)",
                pct, size >> 20, storeCapBytes >> 20), at);
        Optional<java.nio.file.Path> aside = store.recoveredFrom();
        set("store", aside.isPresent(), "store was corrupt: kept aside as " + aside.map(Object::toString).orElse("")
                + ", a fresh one opened", at);
        set("clock", !timeSynced.getAsBoolean(), "clock not synced: " + clockHint, at);
        List<String> soon = expiringCertificates.apply(Duration.ofDays(limits.certificateWarnDays()), at);
        set("certificate", !soon.isEmpty(), "TLS certificate near expiry: " + String.join("; ", soon), at);
        Optional<ForeignWrite> foreign = uplink.lastForeignWrite();
        boolean recent = foreign.isPresent()
                && wallMillis.getAsLong() - foreign.get().atMillis() < FOREIGN_CLEARS_AFTER.toMillis();
        set("foreign-publisher", recent, "foreign publisher on my topics (" + foreign.map(ForeignWrite::topic)
                .orElse("") + "); the truth was published again: check the broker's ACL", at);
    }

    private void set(String name, boolean present, String reason, Instant at) {
        engine.setCondition(name, AlarmType.TROUBLE, present, reason, at);
    }
}
