package io.ductwatch.gateway.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands what the engine decided to its listeners, in the order it was decided, never under the engine's
 * lock. The engine {@linkplain #post posts} each call while it holds its lock (so the queue's order is
 * the order of the decisions), then {@linkplain #drain drains} after releasing it. Whichever thread
 * drains takes everything queued and delivers it listener by listener, in list order, each listener
 * getting the calls in the order they were decided: the local outputs see a decision's events and its new
 * active set, and switch, before any other listener (the store, the uplink, the log) is called for it.
 * A thread that finds another draining leaves its calls to it and
 * returns at once, so a contact edge from the GPIO thread never waits for a listener called from the
 * sampling thread; on one thread (the simulator, the tests) delivery happens before the engine's
 * method returns, so runs stay deterministic. One failing listener never keeps a call from the others.
 */
final class AlarmDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmDispatcher.class);

    private final List<AlarmListener> listeners;
    private final Queue<Consumer<AlarmListener>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock draining = new ReentrantLock();

    AlarmDispatcher(List<AlarmListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** Queues one call for every listener; called under the engine's lock. */
    void post(Consumer<AlarmListener> call) {
        queue.add(call);
    }

    /** Delivers what is queued, unless another thread is delivering it; called after the engine's lock is released. */
    void drain() {
        while (!queue.isEmpty() && draining.tryLock()) {
            try {
                List<Consumer<AlarmListener>> batch = new ArrayList<>();
                for (Consumer<AlarmListener> call = queue.poll(); call != null; call = queue.poll()) {
                    batch.add(call);
                }
                for (AlarmListener listener : listeners) {
                    for (Consumer<AlarmListener> call : batch) {
                        deliver(call, listener);
                    }
                }
            } finally {
                draining.unlock();
            }
        }
    }

    private static void deliver(Consumer<AlarmListener> call, AlarmListener listener) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            LOG.error("alarm listener {} failed; the others still run", listener, e);
        }
    }
}
