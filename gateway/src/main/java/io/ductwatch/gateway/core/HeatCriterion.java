package io.ductwatch.gateway.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The HEAT criterion of one heat sensor: a static threshold and a rate of rise (see {@link HeatPreset}).
 * Fed the sensor's good readings in time order; keeps the last minute for the rate (a least-squares
 * slope; its last half-minute for the rate of a rise that confirms or warns, {@link #corroborates}) and the
 * last 15 minutes' minimum as the baseline. The rate and the rise are judged on the sensor's difference to a
 * reference, the lower quartile of the duct's heat readings ({@link SensorCriteria#REFERENCE_QUANTILE}), when there
 * is one: a rise that most of the duct sees at once (the season, the ventilation, a hot start) is no fire, as linear
 * heat detection judges it. No rate of rise is judged before the sensor has a baseline: its first
 * {@link #BASELINE_AFTER} of readings after start or after {@link #restart()} (a fault). The static
 * threshold is judged on the reading itself, always. Not thread-safe: the engine owns it.
 */
final class HeatCriterion {

    static final Duration SLOPE_WINDOW = Duration.ofSeconds(60);
    static final Duration MIN_SLOPE_SPAN = Duration.ofSeconds(20);
    /**
     * The rate a rise that confirms or warns ({@link #corroborates}) is judged on: the slope of the last 30 s of
     * readings. A growing fire's rise accelerates, and a least-squares slope is the rate of the middle of its
     * window: the minute's slope is the rate of 30 s ago, half a minute's that of 15 s ago. Half a minute of the
     * DS18B20's 0.05 K noise read every 2 s still makes a slope good to about 0.1 K/min.
     */
    static final Duration RECENT_SLOPE_WINDOW = Duration.ofSeconds(30);
    static final Duration BASELINE_WINDOW = Duration.ofMinutes(15);
    /** How long a sensor reads before its rate of rise is judged. */
    static final Duration BASELINE_AFTER = Duration.ofSeconds(60);
    private static final long SLOPE_WINDOW_MS = SLOPE_WINDOW.toMillis();
    private static final long MIN_SLOPE_SPAN_MS = MIN_SLOPE_SPAN.toMillis();
    private static final long RECENT_SLOPE_WINDOW_MS = RECENT_SLOPE_WINDOW.toMillis();
    private static final long BASELINE_WINDOW_MS = BASELINE_WINDOW.toMillis();

    /** A reading, its time in epoch milliseconds (the windows are seconds to minutes long). */
    private record Sample(long atMs, double value) {
    }

    private final HeatPreset preset;
    private final Deque<Sample> recent = new ArrayDeque<>();
    /** Samples of the baseline window with increasing values: the first is the window's minimum. */
    private final Deque<Sample> minima = new ArrayDeque<>();
    private boolean active;
    private double slopeKPerMin;
    private double recentSlopeKPerMin;
    private String reason = "";
    private double lastValue = Double.NaN;
    private long firstAtMs = -1;
    private double lastJudged = Double.NaN;
    private double lastReference = Double.NaN;
    private boolean baselined;

    HeatCriterion(HeatPreset preset) {
        this.preset = preset;
    }

    /** Takes one good reading, without a reference; returns whether the criterion is met now. */
    boolean update(Instant at, double celsius) {
        return update(at, celsius, Double.NaN);
    }

    /**
     * Takes one good reading; returns whether the criterion is met now.
     *
     * @param referenceC the duct's reference heat reading now (SensorCriteria), or NaN without one
     */
    boolean update(Instant at, double celsius, double referenceC) {
        lastValue = celsius;
        lastReference = referenceC;
        long atMs = at.toEpochMilli();
        if (firstAtMs < 0) {
            firstAtMs = atMs;
        }
        double judged = Double.isNaN(referenceC) ? celsius : celsius - referenceC;
        Sample sample = new Sample(atMs, judged);
        recent.addLast(sample);
        while (atMs - recent.peekFirst().atMs() > SLOPE_WINDOW_MS) {
            recent.removeFirst();
        }
        while (!minima.isEmpty() && minima.peekLast().value() >= judged) {
            minima.removeLast();
        }
        minima.addLast(sample);
        while (atMs - minima.peekFirst().atMs() > BASELINE_WINDOW_MS) {
            minima.removeFirst();
        }
        slopeKPerMin = slope(SLOPE_WINDOW_MS);
        recentSlopeKPerMin = slope(RECENT_SLOPE_WINDOW_MS);
        lastJudged = judged;
        double rise = judged - baseline();
        baselined = atMs - firstAtMs >= BASELINE_AFTER.toMillis();
        boolean staticHit = celsius >= preset.staticC();
        boolean rorHit = baselined && preset.rateOfRise() && slopeKPerMin >= preset.rorKPerMin()
                && rise >= preset.minRiseK();
        if (staticHit) {
            reason = String.format(Locale.ROOT, "%.1f °C, at or above the fixed %.0f °C (%s)", celsius,
                    preset.staticC(), preset.name());
        } else if (rorHit) {
            reason = String.format(Locale.ROOT, "rate of rise %.1f K/min, %.1f K above baseline (%s)",
                    slopeKPerMin, rise, preset.name());
        }
        if (!active) {
            active = staticHit || rorHit;
        } else {
            boolean staticGone = celsius < preset.staticC() - HeatPreset.CLEAR_HYSTERESIS_K;
            boolean rorGone = !preset.rateOfRise() || slopeKPerMin < preset.rorKPerMin() / 2;
            active = !(staticGone && rorGone);
        }
        return active;
    }

    boolean active() {
        return active;
    }

    String reason() {
        return reason;
    }

    double lastValue() {
        return lastValue;
    }

    /** The reading's rise above the sensor's baseline (relative to the reference, when there is one), K. */
    double rise() {
        return minima.isEmpty() ? 0 : lastJudged - baseline();
    }

    /**
     * Whether the sensor rises enough, against the duct, to confirm another sensor's criterion near it or to warn
     * ({@link Corroboration}): at least {@code riseK} above its baseline at {@code rateKPerMin} or more over the last
     * {@link #RECENT_SLOPE_WINDOW}, once it has a baseline. Weaker than the criterion itself, and never an alarm on
     * its own.
     */
    boolean corroborates(double riseK, double rateKPerMin) {
        return baselined && !recent.isEmpty() && recentSlopeKPerMin >= rateKPerMin && rise() >= riseK;
    }

    /**
     * How far the last reading lies above the duct's reference heat reading, K; NaN without one. A sensor a fire
     * heats rises above the rest of the duct; one that only catches up with it (a cold corner as the fans stir
     * the air) rises above its own baseline, not above the duct.
     */
    double aboveReference() {
        return lastValue - lastReference;
    }

    /**
     * Forgets the readings before a fault: the sensor needs a new baseline before its rate is judged again.
     * Whether the criterion is met stays as it was until the next reading.
     */
    void restart() {
        recent.clear();
        minima.clear();
        firstAtMs = -1;
        slopeKPerMin = 0;
        baselined = false;
    }

    /** The slope of the last {@link #RECENT_SLOPE_WINDOW} of readings, K/min: what {@link #corroborates} judges. */
    double recentSlopeKPerMin() {
        return recentSlopeKPerMin;
    }

    private double baseline() {
        return minima.peekFirst().value();
    }

    /** Least-squares slope of the samples of the last {@code windowMs}, K/min; 0 until they span 20 s. */
    private double slope(long windowMs) {
        long from = recent.peekLast().atMs() - windowMs;
        long origin = -1;
        double n = 0;
        double sumT = 0;
        double sumV = 0;
        for (Sample s : recent) {
            if (s.atMs() < from) {
                continue;
            }
            if (origin < 0) {
                origin = s.atMs();
            }
            n++;
            sumT += (s.atMs() - origin) / 1000.0;
            sumV += s.value();
        }
        if (n < 3 || recent.peekLast().atMs() - origin < MIN_SLOPE_SPAN_MS) {
            return 0;
        }
        double meanT = sumT / n;
        double meanV = sumV / n;
        double num = 0;
        double den = 0;
        for (Sample s : recent) {
            if (s.atMs() < from) {
                continue;
            }
            double dt = (s.atMs() - origin) / 1000.0 - meanT;
            num += dt * (s.value() - meanV);
            den += dt * dt;
        }
        return den == 0 ? 0 : num / den * 60.0;
    }
}
