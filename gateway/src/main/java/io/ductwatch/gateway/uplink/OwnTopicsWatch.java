package io.ductwatch.gateway.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ductwatch.config.json.StrictJson;
import io.ductwatch.gateway.core.GatewayHealth;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Notices a foreign publisher on the gateway's own retained topics ({@code status}, {@code alarms/active}):
 * a fake "offline" status, or an empty active set posted during a FIRE, would tell operators a lie.
 * The uplink tells it each retained payload it publishes and each one that arrives on those topics;
 * a live arrival that is none of the gateway's recent payloads is foreign, and the uplink then
 * republishes the truth. The gateway's own will arriving while it is connected (the broker closing an
 * older connection of the same client, or noticing late that the previous boot's connection died in a
 * power cut) is not foreign, but is also answered with the truth.
 *
 * <p>Called from the uplink's thread (published) and Paho's callback thread (arrived); thread-safe.
 * Times are wall time: this guards the broker's topics, not the duct.
 */
public final class OwnTopicsWatch {

    /** How many of its own payloads per topic the gateway remembers: status goes out every 30 s. */
    private static final int REMEMBERED = 8;

    /** What to do with a message that arrived on one of the watched topics. */
    public enum Verdict { OWN, OWN_BUT_STALE, FOREIGN }

    private static final ObjectMapper JSON = StrictJson.mapper();

    private final byte[] will;
    private final LongSupplier wallMillis;
    private volatile String previousBootId;
    private final Map<String, Deque<byte[]>> published = new HashMap<>();
    private GatewayHealth.ForeignWrite last;

    public OwnTopicsWatch(byte[] will, LongSupplier wallMillis) {
        this.will = will.clone();
        this.wallMillis = wallMillis;
    }

    /** The previous boot's id: its will, published by the broker after this boot connected, is not foreign. */
    public void previousBoot(String bootId) {
        previousBootId = bootId;
    }

    /** The gateway itself published this retained payload on this topic. */
    public synchronized void published(String topic, byte[] payload) {
        Deque<byte[]> recent = published.computeIfAbsent(topic, t -> new ArrayDeque<>(REMEMBERED));
        if (recent.size() == REMEMBERED) {
            recent.removeFirst();
        }
        recent.addLast(payload.clone());
    }

    /**
     * A message arrived on a watched topic. A retained one is what the broker held when the gateway
     * subscribed, from before this connection: the gateway publishes its truth over it on every connect
     * anyway, so it is judged {@link Verdict#OWN}.
     */
    public synchronized Verdict arrived(String topic, byte[] payload, boolean retained) {
        if (retained) {
            return Verdict.OWN;
        }
        Deque<byte[]> recent = published.get(topic);
        if (recent != null && recent.stream().anyMatch(p -> Arrays.equals(p, payload))) {
            return Verdict.OWN;
        }
        if (Arrays.equals(will, payload) || isPreviousBootsWill(payload)) {
            return Verdict.OWN_BUT_STALE;
        }
        last = new GatewayHealth.ForeignWrite(wallMillis.getAsLong(), topic);
        return Verdict.FOREIGN;
    }

    private boolean isPreviousBootsWill(byte[] payload) {
        String previous = previousBootId;
        if (previous == null) {
            return false;
        }
        try {
            JsonNode json = JSON.readTree(payload);
            return json != null && json.path("online").isBoolean() && !json.get("online").asBoolean()
                    && previous.equals(json.path("bootId").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /** The last foreign message seen, if any. */
    public synchronized Optional<GatewayHealth.ForeignWrite> lastForeign() {
        return Optional.ofNullable(last);
    }
}
