package io.ductwatch.gateway.core;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} on virtual time, for the simulator and for tests: nothing runs until
 * {@link #advanceTo(Instant)} or {@link #advance(Duration)} moves the clock, and then every task due runs
 * in time order (ties in the order they were scheduled) on the caller's thread, the clock standing at
 * each task's own time. The same inputs give the same run, every time. Thread-safe; tasks may schedule
 * further tasks.
 */
public final class VirtualScheduler implements Scheduler {

    private record Task(Instant due, long order, Runnable action, Duration period, Handle handle)
            implements Comparable<Task> {

        @Override
        public int compareTo(Task other) {
            int byDue = due.compareTo(other.due);
            return byDue != 0 ? byDue : Long.compare(order, other.order);
        }
    }

    private static final class Handle implements Cancellable {
        private volatile boolean cancelled;

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private Instant now;
    private long order;

    public VirtualScheduler(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Handle handle = new Handle();
        queue.add(new Task(now.plus(delay), order++, task, null, handle));
        return handle;
    }

    @Override
    public synchronized Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        Handle handle = new Handle();
        queue.add(new Task(now.plus(initialDelay), order++, task, period, handle));
        return handle;
    }

    /** Runs every task due up to {@code end}, then leaves the clock at {@code end}. */
    public void advanceTo(Instant end) {
        while (true) {
            Task task;
            synchronized (this) {
                task = queue.peek();
                if (task == null || task.due().isAfter(end)) {
                    if (end.isAfter(now)) {
                        now = end;
                    }
                    return;
                }
                queue.poll();
                if (task.handle().cancelled) {
                    continue;
                }
                now = task.due();
                if (task.period() != null) {
                    queue.add(new Task(task.due().plus(task.period()), order++, task.action(), task.period(),
                            task.handle()));
                }
            }
            task.action().run();
        }
    }

    public void advance(Duration duration) {
        advanceTo(now().plus(duration));
    }

    /** When the next task is due, if any. */
    public synchronized java.util.Optional<Instant> nextDue() {
        queue.removeIf(t -> t.handle().cancelled);
        return java.util.Optional.ofNullable(queue.peek()).map(Task::due);
    }
}
