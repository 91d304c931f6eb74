package io.ductwatch.gateway.uplink;

import io.ductwatch.gateway.core.Outbox.Lane;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The messages published at QoS 1 and not yet acknowledged, at most {@code size}, each with when it was
 * sent and its lane; one sent longer ago than the PUBACK timeout tells a half-open link. Readings leave a
 * few places free ({@link #reserve()}), so that an alarm arriving while a backlog drains goes out at once
 * instead of waiting for a reading's PUBACK. Used under the {@link PublishingSession}'s lock.
 */
final class PublishWindow {

    /** A message in flight past its timeout. */
    record Overdue(long seq, Lane lane) {
    }

    private record InFlight(long sentAtMillis, Lane lane) {
    }

    private final int size;
    private final Map<Long, InFlight> inflight = new LinkedHashMap<>();
    private int alarms;

    PublishWindow(int size) {
        this.size = size;
    }

    /** Places only alarms may take: a quarter of the window, at most 16 (none in a window of 1-3). */
    int reserve() {
        return Math.min(16, size / 4);
    }

    /** How many more alarms may be sent now. */
    int room() {
        return size - inflight.size();
    }

    /** How many more readings may be sent now: the room less the alarms' reserve. */
    int readingRoom() {
        return Math.max(0, room() - reserve());
    }

    boolean contains(long seq) {
        return inflight.containsKey(seq);
    }

    /** Whether an alarm-lane message waits for its PUBACK. */
    boolean alarmInFlight() {
        return alarms > 0;
    }

    void sent(long seq, Lane lane, long nowMillis) {
        if (inflight.put(seq, new InFlight(nowMillis, lane)) == null && lane == Lane.ALARM) {
            alarms++;
        }
    }

    /** The broker acknowledged {@code seq}: true if it was in flight on this connection. */
    boolean acknowledged(long seq) {
        InFlight gone = inflight.remove(seq);
        if (gone != null && gone.lane() == Lane.ALARM) {
            alarms--;
        }
        return gone != null;
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
        alarms = 0;
    }
}
