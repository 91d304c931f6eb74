package io.ductwatch.gateway.core.fallback;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The hourly limit of one recipient (DESIGN 3): at most {@link #PER_HOUR} SMS in any hour. Beyond it, texts
 * are held and counted; when the hour allows one more SMS, a single digest stands for all of them. Not
 * thread-safe: its owner calls it under its own lock.
 */
final class SmsBudget {

    static final int PER_HOUR = 10;
    static final Duration HOUR = Duration.ofHours(1);

    private final Deque<Instant> sent = new ArrayDeque<>();
    private final Map<String, Integer> heldByType = new TreeMap<>();
    private int held;
    private String latestHeld = "";

    /** Takes one SMS out of the budget if the last hour leaves room for it; otherwise holds it for the digest. */
    boolean admit(String type, String text, Instant now) {
        forget(now);
        if (held == 0 && sent.size() < PER_HOUR) {
            sent.addLast(now);
            return true;
        }
        held++;
        heldByType.merge(type, 1, Integer::sum);
        latestHeld = text;
        return false;
    }

    /** When the held texts' digest may go: once the oldest SMS of the last hour leaves it. Empty if none is held. */
    Optional<Instant> digestDue(Instant now) {
        forget(now);
        if (held == 0) {
            return Optional.empty();
        }
        return Optional.of(sent.size() < PER_HOUR ? now : sent.peekFirst().plus(HOUR));
    }

    /** The digest, taking its place in the budget; empty if nothing is held or the hour is still full. */
    Optional<Digest> takeDigest(Instant now) {
        forget(now);
        if (held == 0 || sent.size() >= PER_HOUR) {
            return Optional.empty();
        }
        sent.addLast(now);
        StringBuilder counts = new StringBuilder();
        new HashMap<>(heldByType).entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> counts.append(counts.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                        .append(e.getValue()));
        Digest digest = new Digest(held, counts.toString(), latestHeld);
        held = 0;
        heldByType.clear();
        latestHeld = "";
        return Optional.of(digest);
    }

    private void forget(Instant now) {
        while (!sent.isEmpty() && !sent.peekFirst().plus(HOUR).isAfter(now)) {
            sent.removeFirst();
        }
    }

    /** What a digest sums up: how many texts, how many of each type, and the latest of them. */
    record Digest(int held, String counts, String latest) {
    }
}
