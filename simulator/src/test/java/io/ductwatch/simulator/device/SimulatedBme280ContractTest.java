package io.ductwatch.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.io.i2c.I2C;
import io.ductwatch.gateway.core.Quality;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.sensor.Bme280Driver;
import io.ductwatch.gateway.sensor.Bme280DriverContract;
import io.ductwatch.simulator.pi4j.SimulatedBoard;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatedBme280ContractTest extends Bme280DriverContract {

    private final Bme280Chip chip = new Bme280Chip();
    private SimulatedBoard board;
    private I2C i2c;

    @BeforeEach
    void place() {
        board = new SimulatedBoard();
        board.i2c().place(1, 0x76, chip);
        i2c = board.context().create(I2C.newConfigBuilder(board.context()).id("bme").bus(1).device(0x76).build());
        chip.expose(31.2, 44.0, 1002.5);
    }

    @AfterEach
    void close() {
        board.close();
    }

    @Override
    protected I2C bme280() {
        return i2c;
    }

    @Override
    protected void elapse(Duration duration) {
        // The emulation measures at the forced-mode write; no time needs to pass.
    }

    @Override
    protected Optional<double[]> conditions() {
        return Optional.of(new double[] {31.2, 44.0, 1002.5});
    }

    private List<Reading> measure(Bme280Driver driver) {
        driver.start();
        return driver.collect(T0);
    }

    @ParameterizedTest(name = "{0} °C, {1} %, {2} hPa")
    @CsvSource({"-20, 5, 950", "0, 95, 1050", "25.08, 50, 1006.5327", "80, 30, 1013.25"})
    void inverse_compensation_round_trips_across_the_range(double celsius, double humidity, double hpa) {
        chip.expose(celsius, humidity, hpa);
        List<Reading> readings = measure(new Bme280Driver(i2c, "env"));

        assertThat(readings.get(0).value()).isCloseTo(celsius, within(0.01));
        assertThat(readings.get(1).value()).isCloseTo(humidity, within(0.01));
        assertThat(readings.get(2).value()).isCloseTo(hpa, within(0.01));
    }

    @Test
    void a_chip_that_does_not_answer_is_no_response() {
        chip.setFault(ChipFault.NACK);
        assertThat(measure(new Bme280Driver(i2c, "env"))).hasSize(3)
                .allSatisfy(r -> assertThat(r.quality()).isEqualTo(Quality.NO_RESPONSE));
    }

    @Test
    void a_stuck_chip_repeats_its_last_value() {
        Bme280Driver driver = new Bme280Driver(i2c, "env");
        double before = measure(driver).get(0).value();
        chip.setFault(ChipFault.STUCK);
        chip.expose(60.0, 10.0, 990.0);

        assertThat(measure(driver).get(0).value()).isEqualTo(before);
    }

    @Test
    void a_chip_that_never_measured_reports_no_measurement() {
        Bme280Driver driver = new Bme280Driver(i2c, "env");
        chip.setFault(ChipFault.STUCK);

        assertThat(measure(driver)).allSatisfy(r -> assertThat(r.quality()).isEqualTo(Quality.NO_RESPONSE));
    }
}
