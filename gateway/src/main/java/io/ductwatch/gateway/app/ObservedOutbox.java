package io.ductwatch.gateway.app;

import io.ductwatch.gateway.core.Outbox;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The store as the uplink sees it, telling an observer of each seq the broker acknowledged, after the store
 * took it: the simulator's recorder tells a loss the broker caused from one of the gateway's. The observer
 * is called on the uplink's thread and must not block.
 */
final class ObservedOutbox implements Outbox {

    private final Outbox store;
    private final LongConsumer acknowledged;

    ObservedOutbox(Outbox store, LongConsumer acknowledged) {
        this.store = store;
        this.acknowledged = acknowledged;
    }

    @Override
    public long append(Lane lane, String topic, Instant createdAt, LongFunction<byte[]> payload) {
        return store.append(lane, topic, createdAt, payload);
    }

    @Override
    public Message stage(String topic, Instant createdAt, LongFunction<byte[]> payload, Consumer<Message> handOn) {
        return store.stage(topic, createdAt, payload, handOn);
    }

    @Override
    public void flush() {
        store.flush();
    }

    @Override
    public List<Message> next(Lane lane, long afterSeq, int max) {
        return store.next(lane, afterSeq, max);
    }

    @Override
    public void acknowledge(long seq) {
        store.acknowledge(seq);
        acknowledged.accept(seq);
    }

    @Override
    public long pending() {
        return store.pending();
    }

    @Override
    public Optional<Instant> oldestPending() {
        return store.oldestPending();
    }

    @Override
    public long lastSeq() {
        return store.lastSeq();
    }
}
