package io.ductwatch.gateway.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One value of one sensor at one time. A failed read is a reading too: its {@link #quality()} says what
 * failed and {@link #detail()} says it for people ("loop open: 0.02 mA"). Drivers never throw into the
 * loop; they return these.
 *
 * @param sensorId the sensor's id in the site file
 * @param quantity what was measured
 * @param value    the value in {@link Quantity#unit()}; {@code NaN} when nothing could be read
 * @param quality  whether to trust it
 * @param at       when it was measured (the injected clock's time)
 * @param detail   for a fault, what went wrong; empty when OK
 */
public record Reading(String sensorId, Quantity quantity, double value, Quality quality, Instant at,
                      String detail) {

    public Reading {
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(detail, "detail");
    }

    public static Reading ok(String sensorId, Quantity quantity, double value, Instant at) {
        return new Reading(sensorId, quantity, value, Quality.OK, at, "");
    }

    public static Reading fault(String sensorId, Quantity quantity, Quality quality, Instant at, String detail) {
        if (quality == Quality.OK) {
            throw new IllegalArgumentException("a fault reading needs a quality other than OK");
        }
        return new Reading(sensorId, quantity, Double.NaN, quality, at, detail);
    }

    public boolean isOk() {
        return quality == Quality.OK;
    }

    /** For a contact: whether it is active. */
    public boolean isActive() {
        return quantity == Quantity.CONTACT && isOk() && value >= 0.5;
    }
}
