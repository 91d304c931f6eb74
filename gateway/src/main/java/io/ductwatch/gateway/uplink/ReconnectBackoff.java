package io.ductwatch.gateway.uplink;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long the uplink waits before trying its brokers again: 1 s, doubling to 60 s after each round that
 * failed, at most 5 s while an alarm waits to be sent, each wait jittered by +-25 % so that gateways cut off
 * together do not come back together. The random source is injected (seeded in tests and in the
 * simulator). Used on the uplink's thread only.
 */
public final class ReconnectBackoff {

    static final Duration START = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(60);
    static final Duration MAX_WITH_ALARM = Duration.ofSeconds(5);

    private final RandomGenerator random;
    private Duration current = START;

    public ReconnectBackoff(RandomGenerator random) {
        this.random = random;
    }

    /** The wait after a round of failed connects, and the next one doubled. */
    public Duration next(boolean alarmWaiting) {
        Duration wait = alarmWaiting && current.compareTo(MAX_WITH_ALARM) > 0 ? MAX_WITH_ALARM : current;
        current = current.multipliedBy(2).compareTo(MAX) > 0 ? MAX : current.multipliedBy(2);
        return jittered(wait);
    }

    /** The wait when an alarm turns up during a longer one: within the alarm's bound, not a minute later. */
    Duration forAlarm() {
        return jittered(MAX_WITH_ALARM);
    }

    /** Connected: the next loss starts again from {@link #START}. */
    public void reset() {
        current = START;
    }

    private Duration jittered(Duration base) {
        double factor = 0.75 + random.nextDouble() * 0.5;
        return Duration.ofMillis((long) (base.toMillis() * factor));
    }
}
