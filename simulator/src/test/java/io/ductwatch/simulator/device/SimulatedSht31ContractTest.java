package io.ductwatch.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.io.i2c.I2C;
import io.ductwatch.gateway.core.Quality;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.sensor.Sht31Driver;
import io.ductwatch.gateway.sensor.Sht31DriverContract;
import io.ductwatch.simulator.ManualClock;
import io.ductwatch.simulator.pi4j.SimulatedBoard;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SimulatedSht31ContractTest extends Sht31DriverContract {

    private final ManualClock clock = new ManualClock(T0);
    private final Sht31Chip chip = new Sht31Chip(clock);
    private SimulatedBoard board;
    private I2C i2c;

    @BeforeEach
    void place() {
        board = new SimulatedBoard();
        board.i2c().place(1, 0x44, chip);
        i2c = board.context().create(I2C.newConfigBuilder(board.context()).id("sht").bus(1).device(0x44).build());
        chip.expose(23.5, 61.0);
    }

    @AfterEach
    void close() {
        board.close();
    }

    @Override
    protected I2C sht31() {
        return i2c;
    }

    @Override
    protected void elapse(Duration duration) {
        clock.advance(duration);
    }

    @Override
    protected Optional<double[]> conditions() {
        return Optional.of(new double[] {23.5, 61.0});
    }

    private List<Reading> measure(Sht31Driver driver) {
        driver.start();
        clock.advance(driver.conversionTime());
        return driver.collect(clock.get());
    }

    @Test
    void a_read_before_the_measurement_is_done_is_no_response() {
        Sht31Driver driver = new Sht31Driver(i2c, "cab");
        driver.start();
        clock.advance(Duration.ofMillis(5));

        assertThat(driver.collect(clock.get())).allSatisfy(r -> assertThat(r.quality()).isEqualTo(Quality.NO_RESPONSE));
    }

    @ParameterizedTest
    @EnumSource(value = ChipFault.class, names = {"NACK", "DISCONNECT"})
    void a_chip_that_does_not_answer_is_no_response(ChipFault fault) {
        chip.setFault(fault);
        assertThat(measure(new Sht31Driver(i2c, "cab")))
                .allSatisfy(r -> assertThat(r.quality()).isEqualTo(Quality.NO_RESPONSE))
                .allSatisfy(r -> assertThat(r.detail()).contains("no answer"));
    }

    @Test
    void a_flipped_bit_is_a_crc_error() {
        chip.setFault(ChipFault.CORRUPT);
        assertThat(measure(new Sht31Driver(i2c, "cab"))).allSatisfy(r -> assertThat(r.quality()).isEqualTo(Quality.CRC_ERROR));
    }

    @Test
    void a_stuck_chip_repeats_its_last_value() {
        Sht31Driver driver = new Sht31Driver(i2c, "cab");
        double before = measure(driver).get(0).value();
        chip.setFault(ChipFault.STUCK);
        chip.expose(40.0, 20.0);

        assertThat(measure(driver).get(0).value()).isEqualTo(before);
    }

    @Test
    void a_dropping_out_chip_fails_every_other_read() {
        chip.setFault(ChipFault.DROPOUT);
        Sht31Driver driver = new Sht31Driver(i2c, "cab");

        assertThat(measure(driver).get(0).quality()).isEqualTo(Quality.NO_RESPONSE);
        assertThat(measure(driver).get(0).quality()).isEqualTo(Quality.OK);
    }

    @Test
    void a_slow_bus_delays_but_reads() {
        chip.setFault(ChipFault.SLOW);
        assertThat(measure(new Sht31Driver(i2c, "cab"))).allSatisfy(r -> assertThat(r.isOk()).isTrue());
    }
}
