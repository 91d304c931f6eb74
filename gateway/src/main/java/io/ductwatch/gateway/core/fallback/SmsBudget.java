package io.ductwatch.gateway.core.fallback;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The hourly limit of one recipient (DESIGN 3): at most {@link #PER_HOUR} SMS in any hour, counted when the
 * network took them, with those still in the modem's queue counted too. Beyond it, texts are held and counted;
 * when the hour allows one more SMS, a single digest stands for all of them. Not thread-safe: its owner calls
 * it under its own lock.
 */
final class SmsBudget {

    static final int PER_HOUR = 10;
    /** The type of an answer to a recipient's command: a digest names the latest alarm it holds before any answer. */
    static final String ANSWER = "ANSWER";
    static final Duration HOUR = Duration.ofHours(1);
    /** How soon to look again when the hour is full of SMS still in the modem's queue. */
    private static final Duration RECHECK = Duration.ofMinutes(1);

    private final Deque<Instant> sent = new ArrayDeque<>();
    private final Map<String, Integer> heldByType = new TreeMap<>();
    private int queued;
    private int held;
    private String latestHeld = "";
    private boolean latestIsAlarm;

    /** Takes one SMS out of the budget if the last hour leaves room for it; otherwise holds it for the digest. */
    boolean admit(String type, String text, Instant now) {
        if (held == 0 && room(now)) {
            queued++;
            return true;
        }
        held++;
        heldByType.merge(type, 1, Integer::sum);
        boolean alarm = !type.equals(ANSWER);
        if (alarm || !latestIsAlarm) {
            latestHeld = text;
            latestIsAlarm = alarm;
        }
        return false;
    }

    /** An admitted SMS was taken by the network at {@code at}: it counts for the hour from then. */
    void sent(Instant at) {
        queued = Math.max(0, queued - 1);
        sent.addLast(at);
    }

    /** An admitted SMS was given up: its place is free again. */
    void gaveUp() {
        queued = Math.max(0, queued - 1);
    }

    /** When to try the held texts' digest: now if there is room, else when the oldest SMS leaves the hour. */
    Optional<Instant> digestDue(Instant now) {
        if (held == 0) {
            return Optional.empty();
        }
        if (room(now)) {
            return Optional.of(now);
        }
        return Optional.of(sent.isEmpty() ? now.plus(RECHECK) : sent.peekFirst().plus(HOUR));
    }

    /** The digest, taking its place in the budget; empty if nothing is held or the hour is still full. */
    Optional<Digest> takeDigest(Instant now) {
        if (held == 0 || !room(now)) {
            return Optional.empty();
        }
        queued++;
        StringBuilder counts = new StringBuilder();
        heldByType.forEach((type, count) -> counts.append(counts.length() == 0 ? "" : ", ").append(type).append(' ')
                .append(count));
        Digest digest = new Digest(held, counts.toString(), latestHeld);
        held = 0;
        heldByType.clear();
        latestHeld = "";
        latestIsAlarm = false;
        return Optional.of(digest);
    }

    private boolean room(Instant now) {
        while (!sent.isEmpty() && !sent.peekFirst().plus(HOUR).isAfter(now)) {
            sent.removeFirst();
        }
        return sent.size() + queued < PER_HOUR;
    }

    /** What a digest sums up: how many texts, how many of each type, and the latest alarm among them (else the latest). */
    record Digest(int held, String counts, String latest) {
    }
}
