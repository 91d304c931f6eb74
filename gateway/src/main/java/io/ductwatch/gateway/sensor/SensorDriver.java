package io.ductwatch.gateway.sensor;

import io.ductwatch.gateway.core.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A chip, or a chain of chips, read in two steps so that no driver sleeps: {@link #start()} begins a
 * measurement, and {@link #collect(Instant)}, called {@link #conversionTime()} later by the loop's
 * scheduler, reads its results.
 *
 * <p>Promises of every driver: it never throws into the loop (a failed read is a {@link Reading} with a
 * fault quality), it returns at least one reading per sensor on every collect, and it is never called
 * concurrently with itself (the loop calls start and collect of one driver from one task at a time).
 * Drivers on one I2C bus share the bus through Pi4J's per-bus lock.
 */
public interface SensorDriver {

    /** Short name for logs: {@code SHT31 i2c-1 0x44}. */
    String name();

    /** Ids of the sensors whose readings {@link #collect(Instant)} returns. */
    List<String> sensorIds();

    /** How long after {@link #start()} the results can be collected; zero if at once. */
    Duration conversionTime();

    /** Begins a measurement. A failure here is remembered and reported by the next collect. */
    void start();

    /**
     * Reads the results of the last {@link #start()}.
     *
     * @param at the time to stamp the readings with (the injected clock's)
     * @return at least one reading per sensor id, faults included
     */
    List<Reading> collect(Instant at);
}
