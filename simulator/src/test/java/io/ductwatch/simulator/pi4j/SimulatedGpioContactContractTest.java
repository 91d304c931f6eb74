package io.ductwatch.simulator.pi4j;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.PullResistance;
import io.ductwatch.gateway.sensor.GpioContactContract;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class SimulatedGpioContactContractTest extends GpioContactContract {

    private SimulatedBoard board;
    private DigitalInput input;

    @BeforeEach
    void open() {
        board = new SimulatedBoard();
        input = board.context().create(DigitalInput.newConfigBuilder(board.context()).id("door").address(17)
                .pull(PullResistance.PULL_UP).build());
    }

    @AfterEach
    void close() {
        board.close();
    }

    @Override
    protected DigitalInput input() {
        return input;
    }

    @Override
    protected Optional<Consumer<Boolean>> driver() {
        return Optional.of(level -> board.inputs().line(17, true).drive(level));
    }
}
