package io.ductwatch.gateway.app;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;

/**
 * The Pi4J context for a Raspberry Pi 4 or 5: gpiod for digital I/O (no root, works on a Pi 5), linuxfs
 * for I2C ({@code /dev/i2c-N}); no auto-detection, so nothing else (pigpio, mocks) is picked up.
 */
public final class RaspberryPi {

    private RaspberryPi() {
    }

    public static Context newContext() {
        return Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance(),
                        LinuxFsI2CProvider.newInstance())
                .build();
    }
}
