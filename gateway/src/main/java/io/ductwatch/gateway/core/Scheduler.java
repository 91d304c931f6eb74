package io.ductwatch.gateway.core;

import java.time.Duration;
import java.time.Instant;

/**
 * Time and timers, injected: the wall clock and a thread pool on a gateway, a virtual clock in the
 * simulator and in tests, where an hour of duct time passes in milliseconds and every run repeats.
 */
public interface Scheduler {

    /** The current time. */
    Instant now();

    /** Runs {@code task} once after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} every {@code period}, the first time after {@code initialDelay}. */
    Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task);

    /** A scheduled task that can be called off; cancelling twice is harmless. */
    interface Cancellable {
        void cancel();
    }
}
