package io.ductwatch.gateway.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.io.i2c.I2C;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@link Bme280Driver} promises against any BME280, simulated or real. */
public abstract class Bme280DriverContract {

    protected static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    protected abstract I2C bme280();

    protected abstract void elapse(Duration duration);

    /** Temperature (°C), humidity (%), pressure (hPa) the chip is in, if the backend sets them. */
    protected abstract Optional<double[]> conditions();

    @Test
    void reads_temperature_humidity_and_pressure() {
        Bme280Driver driver = new Bme280Driver(bme280(), "env");

        driver.start();
        elapse(driver.conversionTime());
        List<Reading> readings = driver.collect(T0);

        assertThat(readings).extracting(Reading::quantity)
                .containsExactly(Quantity.TEMPERATURE, Quantity.HUMIDITY, Quantity.PRESSURE);
        assertThat(readings).allSatisfy(r -> assertThat(r.isOk()).as(r.detail()).isTrue());
        assertThat(readings.get(0).value()).isBetween(-40.0, 85.0);
        assertThat(readings.get(1).value()).isBetween(0.0, 100.0);
        assertThat(readings.get(2).value()).isBetween(300.0, 1100.0);
        conditions().ifPresent(c -> {
            assertThat(readings.get(0).value()).isCloseTo(c[0], within(0.01));
            assertThat(readings.get(1).value()).isCloseTo(c[1], within(0.01));
            assertThat(readings.get(2).value()).isCloseTo(c[2], within(0.01));
        });
    }
}
