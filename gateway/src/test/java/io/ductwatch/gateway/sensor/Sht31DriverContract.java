package io.ductwatch.gateway.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.io.i2c.I2C;
import io.ductwatch.gateway.core.Quality;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What {@link Sht31Driver} promises against any SHT31: the simulated chip, or a real one on a Pi. Each
 * backend supplies the chip, a way to let the measurement time pass, and, if it knows them, the
 * conditions the chip is in.
 */
public abstract class Sht31DriverContract {

    protected static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    /** The chip under test, behind the Pi4J I2C interface the driver takes. */
    protected abstract I2C sht31();

    /** Lets the chip's time run on by {@code duration}. */
    protected abstract void elapse(Duration duration);

    /** Temperature (°C) and humidity (%) the chip is in, if the backend sets them; empty on hardware. */
    protected abstract Optional<double[]> conditions();

    @Test
    void reads_temperature_and_humidity_after_the_measurement_time() {
        Sht31Driver driver = new Sht31Driver(sht31(), "cab");

        driver.start();
        elapse(driver.conversionTime());
        List<Reading> readings = driver.collect(T0);

        assertThat(readings).extracting(Reading::quantity).containsExactly(Quantity.TEMPERATURE, Quantity.HUMIDITY);
        assertThat(readings).allSatisfy(r -> assertThat(r.quality()).isEqualTo(Quality.OK));
        assertThat(readings.get(0).value()).isBetween(-40.0, 125.0);
        assertThat(readings.get(1).value()).isBetween(0.0, 100.0);
        conditions().ifPresent(c -> {
            assertThat(readings.get(0).value()).isCloseTo(c[0], within(0.01));
            assertThat(readings.get(1).value()).isCloseTo(c[1], within(0.01));
        });
    }

    @Test
    void reads_again_and_again() {
        Sht31Driver driver = new Sht31Driver(sht31(), "cab");
        for (int i = 0; i < 3; i++) {
            driver.start();
            elapse(driver.conversionTime());
            assertThat(driver.collect(T0)).allSatisfy(r -> assertThat(r.isOk()).isTrue());
        }
    }

    @Test
    void collecting_without_a_measurement_is_a_fault_not_an_exception() {
        Sht31Driver driver = new Sht31Driver(sht31(), "cab");
        driver.start();
        elapse(driver.conversionTime());
        driver.collect(T0);

        List<Reading> again = driver.collect(T0);

        assertThat(again).allSatisfy(r -> assertThat(r.quality()).isEqualTo(Quality.NO_RESPONSE));
    }
}
