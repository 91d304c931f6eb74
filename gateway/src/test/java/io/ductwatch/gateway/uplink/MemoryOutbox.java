package io.ductwatch.gateway.uplink;

import io.ductwatch.gateway.core.Outbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/** An outbox in memory, for tests that look at what was stored rather than at the disk. */
public final class MemoryOutbox implements Outbox {

    private final List<Message> messages = new ArrayList<>();
    private long next = 1;
    private java.util.function.LongConsumer afterStage = seq -> { };

    /**
     * Runs {@code hook} with each staged message's seq before {@link #stage} returns: what an uplink replaying
     * on its own thread may do meanwhile (publish the message, and hear its PUBACK).
     */
    public void afterStage(java.util.function.LongConsumer hook) {
        this.afterStage = hook;
    }

    @Override
    public synchronized long append(Lane lane, String topic, Instant createdAt, LongFunction<byte[]> payload) {
        long seq = next++;
        messages.add(new Message(seq, lane, topic, payload.apply(seq), createdAt));
        return seq;
    }

    @Override
    public Message stage(String topic, Instant createdAt, LongFunction<byte[]> payload,
                         java.util.function.Consumer<Message> handOn) {
        Message staged;
        synchronized (this) {
            long seq = append(Lane.ALARM, topic, createdAt, payload);
            afterStage.accept(seq);
            staged = messages.get(messages.size() - 1);
        }
        handOn.accept(staged);
        return staged;
    }

    @Override
    public void flush() {
    }

    @Override
    public List<Message> next(Lane lane, long afterSeq, int max) {
        synchronized (this) {
            return messages.stream().filter(m -> m.lane() == lane && m.seq() > afterSeq).limit(max).toList();
        }
    }

    @Override
    public synchronized void acknowledge(long seq) {
        messages.removeIf(m -> m.seq() == seq);
    }

    @Override
    public synchronized long pending() {
        return messages.size();
    }

    @Override
    public synchronized Optional<Instant> oldestPending() {
        return messages.stream().map(Message::createdAt).findFirst();
    }

    @Override
    public synchronized long lastSeq() {
        return next - 1;
    }

    public synchronized List<Message> all() {
        return new ArrayList<>(messages);
    }
}
