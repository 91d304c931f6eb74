package io.ductwatch.gateway.hardware;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import io.ductwatch.gateway.sensor.Ads1115DriverContract;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

@Tag("hardware")
class HardwareAds1115ContractTest extends Ads1115DriverContract {

    private Context pi4j;
    private I2C i2c;

    @BeforeEach
    void open() {
        pi4j = PiBoard.openWithI2c();
        i2c = pi4j.create(I2C.newConfigBuilder(pi4j).id("ads1115").bus(1).device(0x48).build());
    }

    @AfterEach
    void close() {
        if (pi4j != null) {
            pi4j.shutdown();
        }
    }

    @Override
    protected I2C ads1115() {
        return i2c;
    }

    @Override
    protected OptionalDouble ain0Volts() {
        return OptionalDouble.empty();
    }
}
