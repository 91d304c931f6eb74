package io.ductwatch.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.io.i2c.I2C;
import io.ductwatch.gateway.core.Quality;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.sensor.Ads1115;
import io.ductwatch.gateway.sensor.Ads1115DriverContract;
import io.ductwatch.gateway.sensor.LoopDriver;
import io.ductwatch.gateway.sensor.SupervisedContactDriver;
import io.ductwatch.gateway.sensor.SupervisedLine;
import io.ductwatch.simulator.pi4j.SimulatedBoard;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedAds1115ContractTest extends Ads1115DriverContract {

    private static final SupervisedLine LINE = new SupervisedLine(3.3, 4700, 4700, 1000);

    private final Ads1115Chip chip = new Ads1115Chip();
    private SimulatedBoard board;
    private I2C i2c;

    @BeforeEach
    void place() {
        board = new SimulatedBoard();
        board.i2c().place(1, 0x48, chip);
        i2c = board.context().create(I2C.newConfigBuilder(board.context()).id("adc").bus(1).device(0x48).build());
        chip.setInput(0, SMOKE.volts(7.5));
        chip.setPollsPerConversion(3);
    }

    @AfterEach
    void close() {
        board.close();
    }

    @Override
    protected I2C ads1115() {
        return i2c;
    }

    @Override
    protected OptionalDouble ain0Volts() {
        return OptionalDouble.of(SMOKE.volts(7.5));
    }

    private Reading loop() {
        LoopDriver driver = new LoopDriver(new Ads1115(i2c), 0, SMOKE, "s0", Quantity.OBSCURATION);
        driver.start();
        return driver.collect(T0).get(0);
    }

    @Test
    void an_open_loop_reads_zero_milliamps_and_is_out_of_range() {
        chip.setChannelFault(0, ChipFault.DISCONNECT);
        Reading reading = loop();
        assertThat(reading.quality()).isEqualTo(Quality.OUT_OF_RANGE);
        assertThat(reading.detail()).contains("loop open").contains("0.00 mA");
    }

    @Test
    void a_shorted_loop_is_out_of_range_not_clipped() {
        chip.setInput(0, 0.024 * 150);
        assertThat(loop().detail()).contains("failed high");
    }

    @Test
    void a_dropped_read_or_a_silent_chip_is_no_response() {
        chip.setChannelFault(0, ChipFault.DROPOUT);
        assertThat(loop().quality()).isEqualTo(Quality.NO_RESPONSE);
        assertThat(loop().quality()).isEqualTo(Quality.OK);
        chip.setChannelFault(0, ChipFault.NONE);
        chip.setFault(ChipFault.NACK);
        assertThat(loop().quality()).isEqualTo(Quality.NO_RESPONSE);
    }

    @Test
    void a_conversion_that_never_finishes_is_no_response() {
        chip.setPollsPerConversion(1000);
        Reading reading = loop();
        assertThat(reading.quality()).isEqualTo(Quality.NO_RESPONSE);
        assertThat(reading.detail()).contains("not done");
    }

    @Test
    void a_stuck_channel_repeats_its_last_value() {
        double before = loop().value();
        chip.setChannelFault(0, ChipFault.STUCK);
        chip.setInput(0, SMOKE.volts(20));
        assertThat(loop().value()).isEqualTo(before);
    }

    @Test
    void channels_are_independent() {
        chip.setInput(2, SMOKE.volts(12.5));
        LoopDriver ain2 = new LoopDriver(new Ads1115(i2c), 2, SMOKE, "s2", Quantity.OBSCURATION);
        assertThat(ain2.collect(T0).get(0).value()).isCloseTo(12.5, org.assertj.core.api.Assertions.within(0.01));
        assertThat(loop().value()).isCloseTo(7.5, org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void a_supervised_line_reports_each_state() {
        SupervisedContactDriver driver = new SupervisedContactDriver(new Ads1115(i2c), 1, LINE, Duration.ZERO, "w0");
        Instant t = T0;
        for (SupervisedLine.State state : SupervisedLine.State.values()) {
            chip.setInput(1, LINE.nominalV(state));
            t = t.plusSeconds(1);
            Reading reading = driver.collect(t).get(0);
            switch (state) {
                case NORMAL -> assertThat(reading.isOk() && !reading.isActive()).isTrue();
                case ACTIVE -> assertThat(reading.isActive()).isTrue();
                case OPEN -> assertThat(reading.detail()).contains("line open");
                case SHORT -> assertThat(reading.detail()).contains("line shorted");
            }
        }
    }

    @Test
    void a_supervised_line_counts_a_new_state_only_after_the_debounce() {
        SupervisedContactDriver driver = new SupervisedContactDriver(new Ads1115(i2c), 1, LINE,
                Duration.ofMillis(200), "w0");
        chip.setInput(1, LINE.nominalV(SupervisedLine.State.NORMAL));
        assertThat(driver.collect(T0).get(0).isActive()).isFalse();

        chip.setInput(1, LINE.nominalV(SupervisedLine.State.ACTIVE));
        assertThat(driver.collect(T0.plusMillis(100)).get(0).isActive()).isFalse();
        assertThat(driver.collect(T0.plusMillis(250)).get(0).isActive()).isFalse();
        assertThat(driver.collect(T0.plusMillis(300)).get(0).isActive()).isTrue();
    }
}
