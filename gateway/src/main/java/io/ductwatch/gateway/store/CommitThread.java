package io.ductwatch.gateway.store;

import java.util.concurrent.Semaphore;

/**
 * The thread that commits staged alarms ({@code ductwatch-store-commit}): woken by each stage, it runs the
 * store's commit once for everything waiting, so alarms staged during one fsync share the next. Started with
 * the store; {@link #stop()} ends it (the store's close commits what is left, its abandon does not).
 */
final class CommitThread implements Runnable {

    private final Runnable commit;
    private final Semaphore due = new Semaphore(0);
    private final Thread thread = new Thread(this, "ductwatch-store-commit");
    private volatile boolean running = true;

    CommitThread(Runnable commit) {
        this.commit = commit;
    }

    void start() {
        thread.setDaemon(true);
        thread.start();
    }

    /** Something was staged: commit soon. Returns at once. */
    void request() {
        due.release();
    }

    @Override
    public void run() {
        while (running) {
            try {
                due.acquire();
                due.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            commit.run();
        }
    }

    /** Ends the thread and waits for it (at most 10 s); from the thread itself, only ends it. */
    void stop() {
        running = false;
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
