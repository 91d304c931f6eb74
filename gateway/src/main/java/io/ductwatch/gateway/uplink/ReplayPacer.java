package io.ductwatch.gateway.uplink;

/**
 * Paces the reading lane to at most {@code perSecond} messages a second (a token bucket holding one
 * second's worth), so that a backlog replayed after an outage does not flood the broker; alarms are never
 * paced. Time is the caller's, in milliseconds. Used on the uplink's thread only.
 */
final class ReplayPacer {

    private final int perSecond;
    private double tokens;
    private long refilledAt = Long.MIN_VALUE;

    ReplayPacer(int perSecond) {
        this.perSecond = perSecond;
    }

    /** How many readings may go now, at {@code nowMillis}. */
    int available(long nowMillis) {
        if (refilledAt == Long.MIN_VALUE) {
            tokens = perSecond;
        } else {
            tokens = Math.min(perSecond, tokens + (nowMillis - refilledAt) / 1000.0 * perSecond);
        }
        refilledAt = nowMillis;
        return (int) Math.floor(tokens);
    }

    /** {@code count} readings went. */
    void took(int count) {
        tokens -= count;
    }
}
