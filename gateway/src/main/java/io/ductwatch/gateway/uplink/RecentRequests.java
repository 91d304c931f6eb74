package io.ductwatch.gateway.uplink;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command request ids seen within a window, so a replayed command is refused. Bounded: past
 * {@link #MAX_IDS} the oldest id is forgotten early, which is safe because a command older than its
 * freshness window (60 s, far shorter than this window) is refused anyway. Thread-safe.
 */
final class RecentRequests {

    static final int MAX_IDS = 10_000;

    private final Duration window;
    private final Map<String, Instant> seen = new LinkedHashMap<>();

    RecentRequests(Duration window) {
        this.window = window;
    }

    /** Remembers an id seen at {@code at}; false if it was already seen within the window. */
    synchronized boolean remember(String id, Instant at) {
        forgetBefore(at.minus(window));
        if (seen.containsKey(id)) {
            return false;
        }
        if (seen.size() >= MAX_IDS) {
            Iterator<Map.Entry<String, Instant>> oldest = seen.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
        seen.put(id, at);
        return true;
    }

    private void forgetBefore(Instant cutoff) {
        for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().isBefore(cutoff)) {
                it.remove();
            } else {
                return;
            }
        }
    }
}
