package io.ductwatch.gateway.uplink;

import io.ductwatch.gateway.core.Outbox.Lane;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The messages published at QoS 1 and not yet acknowledged, at most {@code size}, each with when it was
 * sent and its lane; one sent longer ago than the PUBACK timeout tells a half-open link. Used on the uplink's
 * thread only.
 */
final class PublishWindow {

    /** A message in flight past its timeout. */
    record Overdue(long seq, Lane lane) {
    }

    private record InFlight(long sentAtMillis, Lane lane) {
    }

    private final int size;
    private final Map<Long, InFlight> inflight = new LinkedHashMap<>();

    PublishWindow(int size) {
        this.size = size;
    }

    /** How many more may be sent now. */
    int room() {
        return size - inflight.size();
    }

    boolean contains(long seq) {
        return inflight.containsKey(seq);
    }

    void sent(long seq, Lane lane, long nowMillis) {
        inflight.put(seq, new InFlight(nowMillis, lane));
    }

    /** The broker acknowledged {@code seq}: true if it was in flight on this connection. */
    boolean acknowledged(long seq) {
        return inflight.remove(seq) != null;
    }

    /** The oldest message sent more than {@code timeoutMillis} ago, if any. */
    Optional<Overdue> overdue(long nowMillis, long timeoutMillis) {
        for (Map.Entry<Long, InFlight> e : inflight.entrySet()) {
            if (nowMillis - e.getValue().sentAtMillis() > timeoutMillis) {
                return Optional.of(new Overdue(e.getKey(), e.getValue().lane()));
            }
        }
        return Optional.empty();
    }

    /** The connection is gone: what was in flight is sent again on the next one. */
    void clear() {
        inflight.clear();
    }
}
