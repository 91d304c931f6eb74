package io.ductwatch.gateway.core;

/** What a reading measures, with the unit its value is in. */
public enum Quantity {
    TEMPERATURE("°C"),
    HUMIDITY("%RH"),
    PRESSURE("hPa"),
    OBSCURATION("%/m"),
    CO("ppm"),
    WATER_LEVEL("mm"),
    /** A contact or status line: 1 active, 0 normal. */
    CONTACT("");

    private final String unit;

    Quantity(String unit) {
        this.unit = unit;
    }

    /** The quantity a sensor of a kind reports first (a climate sensor also reports humidity and pressure). */
    public static Quantity of(io.ductwatch.config.SensorConfig.Kind kind) {
        return switch (kind) {
            case HEAT, CLIMATE -> TEMPERATURE;
            case SMOKE -> OBSCURATION;
            case CO -> CO;
            case WATER_LEVEL -> WATER_LEVEL;
            default -> CONTACT;
        };
    }

    public String unit() {
        return unit;
    }
}
