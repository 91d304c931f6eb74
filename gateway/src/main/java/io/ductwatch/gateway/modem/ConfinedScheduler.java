package io.ductwatch.gateway.modem;

import io.ductwatch.gateway.core.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduler whose tasks never overlap: each runs holding one lock, so the modem's state is touched by one
 * task at a time whichever of the gateway's pool threads runs it (on the simulator's virtual scheduler they
 * run one by one anyway). Work handed over with {@link #run} from other threads (the serial line's bytes, the
 * policy's texts) also keeps its order: two chunks of bytes are never parsed the wrong way round, even when
 * two pool threads pick up their tasks at once.
 */
final class ConfinedScheduler implements Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ConfinedScheduler.class);

    private final Scheduler scheduler;
    private final ReentrantLock lock = new ReentrantLock();
    private final Queue<Runnable> handedOver = new ConcurrentLinkedQueue<>();

    ConfinedScheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Runs {@code task} soon, on the scheduler, under the lock, after everything handed over before it. */
    void run(Runnable task) {
        handedOver.add(task);
        scheduler.schedule(Duration.ZERO, () -> confined(this::handedOverInOrder));
    }

    /** Runs {@code task} now, on the caller's thread, under the lock (waiting for a task that runs). */
    void runHere(Runnable task) {
        confined(task);
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

    private void handedOverInOrder() {
        for (Runnable task = handedOver.poll(); task != null; task = handedOver.poll()) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("modem task failed; the next ones still run", e);
            }
        }
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
