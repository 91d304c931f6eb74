package io.ductwatch.simulator.pi4j;

import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProviderBase;
import io.ductwatch.simulator.device.BusNack;
import io.ductwatch.simulator.device.ChipFault;
import io.ductwatch.simulator.device.I2cDevice;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pi4J's I2C provider for the simulated board. Pi4J keeps one provider per I/O type, so this one routes
 * every handle by bus number and address to the chip emulation placed there.
 */
public final class SimI2CProvider extends I2CProviderBase {

    public static final String ID = "ductwatch-sim-i2c";

    private static final I2cDevice ABSENT = new I2cDevice() {
        @Override
        public void write(byte[] data) throws BusNack {
            throw new BusNack("no device at this address");
        }

        @Override
        public byte[] read(int length) throws BusNack {
            throw new BusNack("no device at this address");
        }

        @Override
        public ChipFault fault() {
            return ChipFault.NONE;
        }
    };

    private final Map<Integer, I2cDevice> devices = new ConcurrentHashMap<>();
    private final Map<Integer, SimI2CBus> buses = new ConcurrentHashMap<>();

    public SimI2CProvider() {
        super(ID, "ductwatch simulated I2C");
    }

    /** Places a chip at an address. */
    public void place(int bus, int address, I2cDevice device) {
        devices.put(key(bus, address), device);
    }

    @Override
    public I2C create(I2CConfig config) {
        SimI2CBus bus = buses.computeIfAbsent(config.bus(), b -> new SimI2CBus(config));
        I2cDevice device = devices.getOrDefault(key(config.bus(), config.device()), ABSENT);
        SimI2C i2c = new SimI2C(this, config, bus, device);
        context().registry().add(i2c);
        return i2c;
    }

    private static int key(int bus, int address) {
        return bus * 256 + address;
    }
}
