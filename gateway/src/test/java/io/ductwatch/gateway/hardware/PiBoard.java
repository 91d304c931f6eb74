package io.ductwatch.gateway.hardware;

import com.pi4j.context.Context;
import io.ductwatch.gateway.app.RaspberryPi;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real board for the {@code hardware} tests: a Raspberry Pi with the chips wired at the example
 * site's addresses (SHT31 0x44, BME280 0x76, ADS1115 0x48 on bus 1; GPIO 17 with a contact to ground;
 * DS18B20s on the w1 bus). A test aborts, rather than fails, where a bus is absent.
 */
final class PiBoard {

    private PiBoard() {
    }

    static Context openWithI2c() {
        if (!Files.exists(Path.of("/dev/i2c-1"))) {
            Assumptions.abort("no /dev/i2c-1: not a Pi with I2C enabled");
        }
        return RaspberryPi.newContext();
    }

    static Context openWithGpio() {
        if (!Files.exists(Path.of("/dev/gpiochip0"))) {
            Assumptions.abort("no /dev/gpiochip0: not a Pi");
        }
        return RaspberryPi.newContext();
    }

    static Path w1Devices() {
        Path path = Path.of("/sys/bus/w1/devices");
        if (!Files.isDirectory(path)) {
            Assumptions.abort("no 1-Wire bus: enable dtoverlay=w1-gpio");
        }
        return path;
    }

    static void waitFor(java.time.Duration duration) {
        java.util.concurrent.locks.LockSupport.parkNanos(duration.toNanos());
    }
}
