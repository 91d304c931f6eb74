package io.ductwatch.gateway.hardware;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import io.ductwatch.gateway.sensor.RelayOutputContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

/** GPIO 22 of a bench Pi, wired to a relay board or nothing: the test switches it. */
@Tag("hardware")
class HardwareRelayOutputContractTest extends RelayOutputContract {

    private Context pi4j;
    private int created;

    @Override
    protected DigitalOutput output() {
        if (pi4j == null) {
            pi4j = PiBoard.openWithGpio();
        }
        return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("relay-" + created++).address(22).build());
    }

    @AfterEach
    void close() {
        if (pi4j != null) {
            pi4j.shutdown();
        }
    }
}
