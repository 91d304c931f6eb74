package io.ductwatch.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** A clock that moves only when a test says so. */
public final class ManualClock implements Supplier<Instant> {

    private Instant now;

    public ManualClock(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant get() {
        return now;
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }
}
