package io.ductwatch.gateway.hardware;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.PullResistance;
import io.ductwatch.gateway.sensor.GpioContactContract;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

@Tag("hardware")
class HardwareGpioContactContractTest extends GpioContactContract {

    private Context pi4j;
    private DigitalInput input;

    @BeforeEach
    void open() {
        pi4j = PiBoard.openWithGpio();
        input = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("door").address(17).pull(PullResistance.PULL_UP)
                .debounce(3000L).build());
    }

    @AfterEach
    void close() {
        if (pi4j != null) {
            pi4j.shutdown();
        }
    }

    @Override
    protected DigitalInput input() {
        return input;
    }

    @Override
    protected Optional<Consumer<Boolean>> driver() {
        return Optional.empty();
    }
}
