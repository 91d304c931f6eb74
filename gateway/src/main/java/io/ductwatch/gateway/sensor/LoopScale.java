package io.ductwatch.gateway.sensor;

import io.ductwatch.gateway.core.Quality;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import java.time.Instant;
import java.util.Locale;

/**
 * A 4-20 mA current loop read as the voltage across a shunt, scaled linearly to engineering units and
 * judged per NAMUR NE43: 3.8 to 20.5 mA is the measuring range (values beyond 4 and 20 mA are the
 * transmitter signalling under- or over-range, kept as the extreme value), 3.6 mA or less and 21 mA or
 * more are failures of the loop or the transmitter.
 *
 * @param shuntOhm the shunt the loop flows through
 * @param at4mA    the value at 4 mA
 * @param at20mA   the value at 20 mA
 */
public record LoopScale(double shuntOhm, double at4mA, double at20mA) {

    public static final double FAIL_LOW_MA = 3.6;
    public static final double FAIL_HIGH_MA = 21.0;
    public static final double RANGE_LOW_MA = 3.8;
    public static final double RANGE_HIGH_MA = 20.5;
    /** Rounding allowance at the failure limits, far below the ADC's resolution (8 nA at 150 ohm). */
    private static final double EPSILON_MA = 1e-6;

    public double currentMa(double volts) {
        return volts / shuntOhm * 1000.0;
    }

    /** The engineering value at a current, clamped to the NE43 measuring range. */
    public double value(double currentMa) {
        double clamped = Math.max(RANGE_LOW_MA, Math.min(RANGE_HIGH_MA, currentMa));
        return at4mA + (clamped - 4.0) / 16.0 * (at20mA - at4mA);
    }

    /** The shunt voltage at a value, for emulations: the inverse of {@link #value}. */
    public double volts(double value) {
        return (4.0 + (value - at4mA) / (at20mA - at4mA) * 16.0) / 1000.0 * shuntOhm;
    }

    /** The reading for a shunt voltage: a value, or a loop fault. */
    public Reading reading(String sensorId, Quantity quantity, double volts, Instant at) {
        double ma = currentMa(volts);
        if (ma <= FAIL_LOW_MA + EPSILON_MA) {
            return Reading.fault(sensorId, quantity, Quality.OUT_OF_RANGE, at,
                    String.format(Locale.ROOT, "loop open or transmitter failed low (%.2f mA)", ma));
        }
        if (ma >= FAIL_HIGH_MA - EPSILON_MA) {
            return Reading.fault(sensorId, quantity, Quality.OUT_OF_RANGE, at,
                    String.format(Locale.ROOT, "loop shorted or transmitter failed high (%.2f mA)", ma));
        }
        return Reading.ok(sensorId, quantity, value(ma), at);
    }

    /** The ADC range that holds a failed-high loop, so a short is seen rather than clipped. */
    public Ads1115.Gain gain() {
        return Ads1115.Gain.covering(FAIL_HIGH_MA * 1.05 / 1000.0 * shuntOhm);
    }
}
