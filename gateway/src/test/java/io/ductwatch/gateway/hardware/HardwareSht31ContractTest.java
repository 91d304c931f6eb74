package io.ductwatch.gateway.hardware;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import io.ductwatch.gateway.sensor.Sht31DriverContract;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

@Tag("hardware")
class HardwareSht31ContractTest extends Sht31DriverContract {

    private Context pi4j;
    private I2C i2c;

    @BeforeEach
    void open() {
        pi4j = PiBoard.openWithI2c();
        i2c = pi4j.create(I2C.newConfigBuilder(pi4j).id("sht31").bus(1).device(0x44).build());
    }

    @AfterEach
    void close() {
        if (pi4j != null) {
            pi4j.shutdown();
        }
    }

    @Override
    protected I2C sht31() {
        return i2c;
    }

    @Override
    protected void elapse(Duration duration) {
        PiBoard.waitFor(duration);
    }

    @Override
    protected Optional<double[]> conditions() {
        return Optional.empty();
    }
}
