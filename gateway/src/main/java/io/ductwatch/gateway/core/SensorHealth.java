package io.ductwatch.gateway.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether one sensor can be trusted: its recent reads, its last good one, and whether its value has
 * frozen. A sensor is faulty (a TROUBLE) when it has had no good reading for the silence time, when a
 * fifth or more of its reads in that time failed (three at least), or when it is stuck. A sensor with a
 * failed read is excluded from fire decisions at once, and until it has read well three times in a row
 * with no TROUBLE standing. Not thread-safe: the engine owns it.
 */
final class SensorHealth {

    static final int GOOD_READS_TO_TRUST = 3;
    static final int MIN_FAULTS = 3;
    static final double FAULT_SHARE = 0.2;

    /** A read: its time in epoch milliseconds, and whether it was good. */
    private record Read(long atMs, boolean ok) {
    }

    private final String sensorId;
    private final Duration silence;
    private final long silenceMs;
    private final Deque<Read> reads = new ArrayDeque<>();
    private int faultsInWindow;
    private final Instant since;
    private Instant lastOk;
    private String lastFault = "";
    private Quality lastFaultQuality = Quality.OK;
    private int goodInARow = GOOD_READS_TO_TRUST;
    private double lastValue = Double.NaN;
    private Instant valueSince;
    /** When the value changed, epoch milliseconds, over the stuck window. */
    private final java.util.ArrayDeque<Long> changes = new ArrayDeque<>();
    private String stuckReason;

    SensorHealth(String sensorId, Duration silence, Instant since) {
        this.sensorId = sensorId;
        this.silence = silence;
        this.silenceMs = silence.toMillis();
        this.since = since;
    }

    void record(Reading reading) {
        Instant at = reading.at();
        reads.addLast(new Read(at.toEpochMilli(), reading.isOk()));
        if (!reading.isOk()) {
            faultsInWindow++;
        }
        trim(at);
        if (reading.isOk()) {
            lastOk = at;
            goodInARow++;
            if (reading.value() != lastValue) {
                lastValue = reading.value();
                valueSince = at;
                changes.addLast(at.toEpochMilli());
            }
        } else {
            goodInARow = 0;
            lastFault = reading.detail();
            lastFaultQuality = reading.quality();
        }
    }

    /** Forgets reads older than the silence window, as of {@code now}. */
    void trim(Instant now) {
        long nowMs = now.toEpochMilli();
        while (!reads.isEmpty() && nowMs - reads.peekFirst().atMs() > silenceMs) {
            if (!reads.removeFirst().ok()) {
                faultsInWindow--;
            }
        }
    }

    void trimChanges(Instant now, Duration window) {
        long nowMs = now.toEpochMilli();
        long windowMs = window.toMillis();
        while (!changes.isEmpty() && nowMs - changes.peekFirst() > windowMs) {
            changes.removeFirst();
        }
    }

    /** Why the sensor is faulty now, if it is. */
    Optional<String> fault(Instant now) {
        trim(now);
        Instant reference = lastOk != null ? lastOk : since;
        if (now.toEpochMilli() - reference.toEpochMilli() >= silenceMs) {
            String detail = lastFault.isEmpty() ? "no reading" : lastFault + " (" + lastFaultQuality + ")";
            return Optional.of(String.format(Locale.ROOT, "%s: no good reading for %d s: %s", sensorId,
                    Duration.between(reference, now).toSeconds(), detail));
        }
        int faults = faultsInWindow;
        if (faults >= MIN_FAULTS && faults >= FAULT_SHARE * reads.size()) {
            return Optional.of(String.format(Locale.ROOT, "%s: %d of %d reads failed in %d s: %s (%s)", sensorId,
                    faults, reads.size(), silence.toSeconds(), lastFault, lastFaultQuality));
        }
        if (stuckReason != null) {
            return Optional.of(stuckReason);
        }
        return Optional.empty();
    }

    /** Whether the sensor may count towards a fire decision now. */
    boolean trusted(boolean troubleStanding) {
        return goodInARow >= GOOD_READS_TO_TRUST && !troubleStanding && stuckReason == null;
    }

    /** When the value last changed, or null before the first good reading. */
    Instant valueSince() {
        return valueSince;
    }

    double lastValue() {
        return lastValue;
    }

    /** How often the value changed in the window last trimmed to. */
    int changesInWindow() {
        return changes.size();
    }

    void markStuck(String reason) {
        this.stuckReason = reason;
    }

    boolean stuck() {
        return stuckReason != null;
    }

    String sensorId() {
        return sensorId;
    }
}
