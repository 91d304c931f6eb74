package io.ductwatch.gateway.core;

import java.time.Duration;
import java.time.Instant;

/**
 * A threshold with hysteresis and debounce, for smoke, CO and water level: met once the value has stayed
 * at or above {@code alarmAt} for the debounce time, unmet once it has stayed below {@code clearAt} as
 * long. Not thread-safe: the engine owns it.
 */
final class ThresholdCriterion {

    private final double alarmAt;
    private final double clearAt;
    private final Duration debounce;
    private boolean active;
    private Instant pendingSince;
    private double lastValue = Double.NaN;

    ThresholdCriterion(double alarmAt, double clearAt, Duration debounce) {
        if (clearAt >= alarmAt) {
            throw new IllegalArgumentException("clear " + clearAt + " must lie below alarm " + alarmAt);
        }
        this.alarmAt = alarmAt;
        this.clearAt = clearAt;
        this.debounce = debounce;
    }

    /** Takes one good reading; returns whether the criterion is met now. */
    boolean update(Instant at, double value) {
        lastValue = value;
        boolean pastThreshold = active ? value < clearAt : value >= alarmAt;
        if (!pastThreshold) {
            pendingSince = null;
            return active;
        }
        if (pendingSince == null) {
            pendingSince = at;
        }
        if (Duration.between(pendingSince, at).compareTo(debounce) >= 0) {
            active = !active;
            pendingSince = null;
        }
        return active;
    }

    boolean active() {
        return active;
    }

    double alarmAt() {
        return alarmAt;
    }

    double lastValue() {
        return lastValue;
    }
}
