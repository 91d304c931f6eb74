package io.ductwatch.simulator.pi4j;

import com.pi4j.io.gpio.digital.DigitalOutput;
import io.ductwatch.gateway.sensor.RelayOutputContract;
import org.junit.jupiter.api.AfterEach;

class SimulatedRelayOutputContractTest extends RelayOutputContract {

    private final SimulatedBoard board = new SimulatedBoard();
    private int created;

    @Override
    protected DigitalOutput output() {
        return board.context().create(DigitalOutput.newConfigBuilder(board.context()).id("relay-" + created++)
                .address(22).build());
    }

    @AfterEach
    void close() {
        board.close();
    }
}
