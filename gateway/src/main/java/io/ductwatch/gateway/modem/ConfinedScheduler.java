package io.ductwatch.gateway.modem;

import io.ductwatch.gateway.core.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A scheduler whose tasks never overlap: each runs holding one lock, so the modem's state is touched by one
 * task at a time whichever of the gateway's pool threads runs it (on the simulator's virtual scheduler they
 * run one by one anyway). {@link #run} puts work from other threads (the serial line's events, the policy's
 * sends) on it.
 */
final class ConfinedScheduler implements Scheduler {

    private final Scheduler scheduler;
    private final ReentrantLock lock = new ReentrantLock();

    ConfinedScheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Runs {@code task} soon, on the scheduler, under the lock. */
    void run(Runnable task) {
        schedule(Duration.ZERO, task);
    }

    @Override
    public Instant now() {
        return scheduler.now();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        return scheduler.schedule(delay, () -> confined(task));
    }

    @Override
    public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
        return scheduler.scheduleAtFixedRate(initialDelay, period, () -> confined(task));
    }

    private void confined(Runnable task) {
        lock.lock();
        try {
            task.run();
        } finally {
            lock.unlock();
        }
    }
}
