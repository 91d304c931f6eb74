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

    public String unit() {
        return unit;
    }
}
