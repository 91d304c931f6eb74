package io.ductwatch.gateway.core;

import java.util.Map;

/**
 * A heat detector's response, after the EN 54-5 classes, for a sensor read through its own thermal lag
 * (the rules act on what the sensor reads, not on the air).
 *
 * <p>The static threshold answers slow rises: EN 54-5 class A1 must respond between 54 and 65 °C of air
 * at 1 K/min; a DS18B20 steel probe (RTI 80) in 0.5 m/s of air lags about 1.9 K behind such a ramp, so a
 * 57 °C threshold responds at about 59 °C of air, after 34 minutes from 25 °C (window 29:00 to 40:20).
 * The rate-of-rise criterion answers fast ones: it needs both a rate of at least {@code rorKPerMin}
 * (estimated over the last minute) and a rise of at least {@code minRiseK} above the sensor's baseline
 * (its lowest reading of the last 15 minutes). The rise keeps it from answering before the lower bound
 * of each window (3 K/min: not before 7:13); the rate keeps a slow drift from looking like a fire.
 * The figures are worked out for the example site in {@code docs/detection.md} and checked by tests for
 * every ramp of the standard.
 *
 * @param name        the preset's name (A1R, ...)
 * @param staticC     reading at or above which the sensor is in HEAT, °C
 * @param rorKPerMin  rate of rise that counts, K/min; 0 for a static-only preset
 * @param minRiseK    rise above baseline the rate of rise also needs, K
 */
public record HeatPreset(String name, double staticC, double rorKPerMin, double minRiseK) {

    /** Hysteresis below the static threshold before HEAT clears, K. */
    public static final double CLEAR_HYSTERESIS_K = 2.0;

    private static final Map<String, HeatPreset> PRESETS = Map.of(
            "A1R", new HeatPreset("A1R", 57.0, 4.5, 10.0),
            "A2R", new HeatPreset("A2R", 62.0, 4.5, 12.0),
            "BR", new HeatPreset("BR", 76.0, 4.5, 14.0),
            "A1S", new HeatPreset("A1S", 57.0, 0.0, 0.0),
            "A2S", new HeatPreset("A2S", 62.0, 0.0, 0.0),
            "BS", new HeatPreset("BS", 76.0, 0.0, 0.0));

    public static HeatPreset named(String name) {
        HeatPreset preset = PRESETS.get(name);
        if (preset == null) {
            throw new IllegalArgumentException("no heat preset " + name);
        }
        return preset;
    }

    public boolean rateOfRise() {
        return rorKPerMin > 0;
    }
}
