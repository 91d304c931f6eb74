package io.ductwatch.gateway.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ductwatch.gateway.core.Quality;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NAMUR NE43 bands of a 0-25 %/m smoke transmitter on a 150 ohm shunt, at every band edge. */
class LoopScaleTest {

    private static final LoopScale SMOKE = new LoopScale(150, 0, 25);
    private static final Instant T = Instant.parse("2026-11-27T08:00:00Z");

    @ParameterizedTest(name = "{0} mA -> {1} {2}")
    @CsvSource({
            "0.0,   OUT_OF_RANGE, NaN",
            "3.59,  OUT_OF_RANGE, NaN",
            "3.6,   OUT_OF_RANGE, NaN",
            "3.61,  OK,  -0.3125",
            "3.8,   OK,  -0.3125",
            "4.0,   OK,  0.0",
            "12.0,  OK,  12.5",
            "20.0,  OK,  25.0",
            "20.5,  OK,  25.78125",
            "20.99, OK,  25.78125",
            "21.0,  OUT_OF_RANGE, NaN",
            "24.0,  OUT_OF_RANGE, NaN"})
    void classifies_each_band(double milliamps, Quality quality, double value) {
        Reading reading = SMOKE.reading("s0", Quantity.OBSCURATION, milliamps / 1000.0 * 150, T);

        assertThat(reading.quality()).isEqualTo(quality);
        if (quality == Quality.OK) {
            assertThat(reading.value()).isCloseTo(value, within(1e-9));
        } else {
            assertThat(reading.detail()).contains(milliamps <= 3.6 ? "failed low" : "failed high");
        }
    }

    @ParameterizedTest
    @CsvSource({"0.0", "7.3", "25.0"})
    void volts_is_the_inverse_of_value(double value) {
        assertThat(SMOKE.value(SMOKE.currentMa(SMOKE.volts(value)))).isCloseTo(value, within(1e-9));
    }
}
