package io.ductwatch.gateway.app;

import com.pi4j.context.Context;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.gateway.core.AlarmListener;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.core.RuleEngine;
import io.ductwatch.gateway.core.Scheduler;
import io.ductwatch.gateway.sensor.OutputDriver;
import io.ductwatch.gateway.sensor.SiteHardware;
import io.ductwatch.gateway.sensor.SysfsTree;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The gateway, wired: the site's hardware opened on a Pi4J context and a w1 tree, the rule engine, the
 * local outputs, the sampling loop. The same wiring runs on a Pi ({@link RunCommand}) and in the
 * simulator, which hands in its own context, sysfs, virtual scheduler and listeners.
 *
 * <p>{@link #close()} stops sampling and puts every output in its fail-safe state; it is idempotent.
 */
public final class GatewayRuntime implements AutoCloseable {

    private final SiteHardware hardware;
    private final RuleEngine engine;
    private final SamplingLoop loop;
    private boolean closed;

    private GatewayRuntime(SiteHardware hardware, RuleEngine engine, SamplingLoop loop) {
        this.hardware = hardware;
        this.engine = engine;
        this.loop = loop;
    }

    /**
     * Opens the hardware and starts sampling.
     *
     * @param alarmIds    a new unique alarm id on every call
     * @param listeners   further receivers of alarm events (the uplink, the simulator's recorder)
     * @param readingSink receives every cycle's readings after the engine
     */
    public static GatewayRuntime start(SiteConfig site, Context pi4j, SysfsTree w1, Scheduler scheduler,
                                       LongSupplier nanoTime, Supplier<String> alarmIds,
                                       List<AlarmListener> listeners, Consumer<List<Reading>> readingSink) {
        // Edges are handed to the engine once it exists; before that the loop's first sample sees the level.
        AtomicReference<RuleEngine> engineRef = new AtomicReference<>();
        SiteHardware hardware = SiteHardware.open(site, pi4j, w1, scheduler::now, edge -> {
            RuleEngine target = engineRef.get();
            if (target != null) {
                target.onReading(edge);
            }
        });
        List<AlarmListener> all = new ArrayList<>();
        // The outputs first, the log last: an alarm switches the relays, then is staged and published, and only
        // then is a line written (slf4j-simple writes to stderr, a system call per line).
        all.add(new OutputDriver(site.outputs(), hardware.outputs()));
        all.addAll(listeners);
        all.add(new EventLog());
        RuleEngine engine = new RuleEngine(site, scheduler.now(), alarmIds, all);
        engineRef.set(engine);
        SamplingLoop loop = new SamplingLoop(site, hardware.drivers(), engine, scheduler, nanoTime, readingSink);
        loop.start();
        return new GatewayRuntime(hardware, engine, loop);
    }

    public RuleEngine engine() {
        return engine;
    }

    public SamplingLoop loop() {
        return loop;
    }

    public SiteHardware hardware() {
        return hardware;
    }

    /** Stops sampling and gives the hardware back, as a crash would: outputs are not set fail-safe here. */
    public synchronized void abandon() {
        if (!closed) {
            closed = true;
            loop.stop();
            hardware.release();
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            loop.stop();
            hardware.close();
        }
    }
}
