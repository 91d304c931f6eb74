package io.ductwatch.gateway.app;

import io.ductwatch.config.SiteConfig;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.core.RuleEngine;
import io.ductwatch.gateway.core.Scheduler;
import io.ductwatch.gateway.sensor.SensorDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Samples every driver at its sensors' poll period and hands the readings to the engine; ticks the
 * engine every second. Each driver runs as its own task: a driver still busy when its next turn comes
 * skips that turn instead of queueing, so a slow or stalled bus delays only itself. A cycle that takes
 * longer than {@link #STALL_AFTER} in real time raises a TROUBLE for that driver ("bus stall").
 *
 * <p>{@link #start()} once; {@link #stop()} is idempotent and the loop cannot restart.
 */
public final class SamplingLoop {

    /** A driver cycle longer than this, in real time, is a stalled bus. */
    static final Duration STALL_AFTER = Duration.ofSeconds(5);
    static final Duration TICK = Duration.ofSeconds(1);
    /** Period for drivers whose sensors are edge-driven (GPIO), to catch a missed edge. */
    static final Duration CONTACT_SAMPLE = Duration.ofSeconds(5);

    private final SiteConfig site;
    private final List<SensorDriver> drivers;
    private final RuleEngine engine;
    private final Scheduler scheduler;
    private final LongSupplier nanoTime;
    private final Consumer<List<Reading>> readingSink;
    private final List<Scheduler.Cancellable> tasks = new ArrayList<>();
    private final Map<SensorDriver, Long> cycleStartedNanos = new ConcurrentHashMap<>();
    private volatile Instant lastTick;

    /**
     * @param nanoTime    a monotonic clock in nanoseconds for measuring how long a cycle really takes
     *                    ({@code System::nanoTime} on a gateway)
     * @param readingSink receives every cycle's readings after the engine (the store, on its way up)
     */
    public SamplingLoop(SiteConfig site, List<SensorDriver> drivers, RuleEngine engine, Scheduler scheduler,
                        LongSupplier nanoTime, Consumer<List<Reading>> readingSink) {
        this.site = site;
        this.drivers = List.copyOf(drivers);
        this.engine = engine;
        this.scheduler = scheduler;
        this.nanoTime = nanoTime;
        this.readingSink = readingSink;
    }

    public synchronized void start() {
        for (SensorDriver driver : drivers) {
            AtomicBoolean busy = new AtomicBoolean();
            tasks.add(scheduler.scheduleAtFixedRate(Duration.ZERO, period(driver), () -> cycle(driver, busy)));
        }
        tasks.add(scheduler.scheduleAtFixedRate(TICK, TICK, this::tick));
    }

    public synchronized void stop() {
        tasks.forEach(Scheduler.Cancellable::cancel);
        tasks.clear();
    }

    /** The shortest poll period among the driver's sensors; contacts are sampled every 5 s. */
    Duration period(SensorDriver driver) {
        return driver.sensorIds().stream().map(id -> site.sensor(id).orElseThrow().wiring().poll())
                .filter(p -> !p.isZero()).min(Duration::compareTo).orElse(CONTACT_SAMPLE);
    }

    private void cycle(SensorDriver driver, AtomicBoolean busy) {
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        cycleStartedNanos.put(driver, nanoTime.getAsLong());
        driver.start();
        Duration conversion = driver.conversionTime();
        if (conversion.isZero()) {
            finish(driver, busy);
        } else {
            scheduler.schedule(conversion, () -> finish(driver, busy));
        }
    }

    private void finish(SensorDriver driver, AtomicBoolean busy) {
        try {
            List<Reading> readings = driver.collect(scheduler.now());
            engine.onReadings(readings);
            readingSink.accept(readings);
        } finally {
            long tookNanos = nanoTime.getAsLong() - cycleStartedNanos.remove(driver);
            boolean stalled = tookNanos > STALL_AFTER.toNanos();
            engine.setCondition("stall:" + driver.name(), AlarmType.TROUBLE, stalled,
                    driver.name() + ": a read took " + tookNanos / 1_000_000 + " ms (bus stall)", scheduler.now());
            busy.set(false);
        }
    }

    private void tick() {
        Instant now = scheduler.now();
        engine.tick(now);
        lastTick = now;
    }

    /**
     * Whether the loop is alive: it ticked within the last 5 s and no driver has been in one cycle for
     * longer than a minute. The watchdog is kicked only while this holds.
     */
    public boolean healthy() {
        Instant now = scheduler.now();
        boolean ticking = lastTick != null && Duration.between(lastTick, now).compareTo(Duration.ofSeconds(5)) <= 0;
        long longestNanos = cycleStartedNanos.values().stream().mapToLong(start -> nanoTime.getAsLong() - start)
                .max().orElse(0);
        return ticking && longestNanos < Duration.ofMinutes(1).toNanos();
    }
}
