package io.ductwatch.simulator.physics;

import java.util.Locale;

/** The t-squared fire growth classes of DESIGN 4: Q(t) = alpha t^2, alpha in kW/s^2. */
public enum Growth {
    SLOW(0.00293), MEDIUM(0.01172), FAST(0.0469), ULTRA_FAST(0.1876);

    private final double alphaKwPerS2;

    Growth(double alphaKwPerS2) {
        this.alphaKwPerS2 = alphaKwPerS2;
    }

    public double alphaKwPerS2() {
        return alphaKwPerS2;
    }

    /** {@code slow}, {@code medium}, {@code fast}, {@code ultra-fast}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Growth fromName(String name) {
        for (Growth g : values()) {
            if (g.yamlName().equals(name)) {
                return g;
            }
        }
        throw new IllegalArgumentException("no growth class '" + name + "' (slow, medium, fast, ultra-fast)");
    }
}
