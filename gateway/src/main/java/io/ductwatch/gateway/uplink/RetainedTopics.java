package io.ductwatch.gateway.uplink;

import io.ductwatch.gateway.core.GatewayHealth;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's retained topics on the broker: {@code status} at each connect and every 30 s, and
 * {@code alarms/active} at each connect and each change (only the latest snapshot is kept); both again at once
 * when a foreign publisher wrote on them ({@link OwnTopicsWatch}).
 *
 * <p>Threading: {@link #publishDue} and {@link #connected} run on the uplink thread; {@link #active} on the
 * alarm dispatcher's; {@link #arrived} on Paho's callback thread. None blocks.
 */
final class RetainedTopics {

    private static final Logger LOG = LoggerFactory.getLogger(RetainedTopics.class);
    private static final Duration STATUS_EVERY = Duration.ofSeconds(30);

    private final Topics topics;
    private final Supplier<byte[]> status;
    private final LongSupplier wallMillis;
    private final OwnTopicsWatch watch;
    private final AtomicReference<Supplier<byte[]>> latestActive = new AtomicReference<>();
    private final AtomicLong activeVersion = new AtomicLong();
    private volatile boolean republish = true;
    private long publishedActiveVersion = -1;
    private long lastStatusMillis;

    /**
     * @param status  the current retained status payload, built on each call
     * @param offline the will: the retained status saying the gateway is gone
     */
    RetainedTopics(Topics topics, Supplier<byte[]> status, byte[] offline, LongSupplier wallMillis) {
        this.topics = topics;
        this.status = status;
        this.wallMillis = wallMillis;
        this.watch = new OwnTopicsWatch(offline, wallMillis);
    }

    /** The active alarms changed: this snapshot is published next, encoded then. */
    void active(Supplier<byte[]> payload) {
        latestActive.set(payload);
        activeVersion.incrementAndGet();
    }

    /** A new connection: both topics are published again. */
    void connected() {
        republish = true;
    }

    /** Publishes what is due on the session. */
    void publishDue(PublishingSession session) {
        long now = wallMillis.getAsLong();
        if (republish) {
            republish = false;
            publishedActiveVersion = -1;
            lastStatusMillis = now - STATUS_EVERY.toMillis();
        }
        long version = activeVersion.get();
        Supplier<byte[]> snapshot = latestActive.get();
        if (snapshot != null && version != publishedActiveVersion) {
            publish(session, topics.alarmsActive(), snapshot.get());
            publishedActiveVersion = version;
        }
        if (now - lastStatusMillis >= STATUS_EVERY.toMillis()) {
            publish(session, topics.status(), status.get());
            lastStatusMillis = now;
        }
    }

    private void publish(PublishingSession session, String topic, byte[] payload) {
        watch.published(topic, payload);
        session.publishRetained(topic, payload);
    }

    /**
     * A message on a subscribed topic: true if it was on one of the retained topics (handled here: a foreign or
     * stale one has both published again at the next turn), false for the caller to handle.
     */
    boolean arrived(String topic, byte[] payload, boolean retained) {
        if (!topic.equals(topics.status()) && !topic.equals(topics.alarmsActive())) {
            return false;
        }
        OwnTopicsWatch.Verdict verdict = watch.arrived(topic, payload, retained);
        if (verdict == OwnTopicsWatch.Verdict.FOREIGN) {
            LOG.warn("a foreign publisher wrote on {}; publishing the truth again", topic);
        }
        if (verdict != OwnTopicsWatch.Verdict.OWN) {
            republish = true;
        }
        return true;
    }

    /** The id of the previous boot on this store, whose late will is stale, not foreign. */
    void previousBoot(String bootId) {
        watch.previousBoot(bootId);
    }

    Optional<GatewayHealth.ForeignWrite> lastForeign() {
        return watch.lastForeign();
    }
}
