package io.ductwatch.gateway.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.io.i2c.I2C;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** What the ADS1115 drivers promise against any ADS1115, simulated or real. */
public abstract class Ads1115DriverContract {

    protected static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    protected static final LoopScale SMOKE = new LoopScale(150, 0, 25);

    protected abstract I2C ads1115();

    /** The shunt voltage on AIN0, if the backend sets it. */
    protected abstract OptionalDouble ain0Volts();

    @Test
    void converts_a_channel_to_volts() throws Exception {
        double volts = new Ads1115(ads1115()).readVolts(0, Ads1115.Gain.FS_4_096V);

        assertThat(volts).isBetween(-4.096, 4.096);
        ain0Volts().ifPresent(v -> assertThat(volts).isCloseTo(v, within(Ads1115.Gain.FS_4_096V.lsbV())));
    }

    @Test
    void reads_a_loop_as_a_reading_with_a_quality() {
        LoopDriver driver = new LoopDriver(new Ads1115(ads1115()), 0, SMOKE, "s0", Quantity.OBSCURATION);

        driver.start();
        Reading reading = driver.collect(T0).get(0);

        assertThat(reading.sensorId()).isEqualTo("s0");
        ain0Volts().ifPresent(v -> {
            assertThat(reading.isOk()).isTrue();
            assertThat(reading.value()).isCloseTo(SMOKE.value(SMOKE.currentMa(v)), within(0.01));
        });
    }
}
