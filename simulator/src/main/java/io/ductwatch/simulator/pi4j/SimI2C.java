package io.ductwatch.simulator.pi4j;

import com.pi4j.exception.Pi4JException;
import com.pi4j.io.i2c.I2CBase;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import io.ductwatch.simulator.device.BusNack;
import io.ductwatch.simulator.device.ChipFault;
import io.ductwatch.simulator.device.I2cDevice;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A Pi4J I2C handle on an emulated bus: turns each Pi4J call into the bus transactions a Linux i2c-dev
 * read or write would make, and a NACK into the {@link Pi4JException} the linuxfs plugin throws. A handle
 * on an address where no chip sits NACKs everything, as on a real bus.
 */
final class SimI2C extends I2CBase<SimI2CBus> {

    private final I2cDevice device;

    SimI2C(I2CProvider provider, I2CConfig config, SimI2CBus bus, I2cDevice device) {
        super(provider, config, bus);
        this.device = device;
    }

    @Override
    public int read() {
        return transactRead(1)[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        byte[] data = transactRead(length);
        System.arraycopy(data, 0, buffer, offset, data.length);
        return data.length;
    }

    @Override
    public int write(byte b) {
        transactWrite(new byte[] {b});
        return 1;
    }

    @Override
    public int write(byte[] data, int offset, int length) {
        transactWrite(Arrays.copyOfRange(data, offset, offset + length));
        return length;
    }

    @Override
    public int readRegister(int register) {
        transactWrite(new byte[] {(byte) register});
        return transactRead(1)[0] & 0xFF;
    }

    @Override
    public int readRegister(int register, byte[] buffer, int offset, int length) {
        transactWrite(new byte[] {(byte) register});
        return read(buffer, offset, length);
    }

    @Override
    public int readRegister(byte[] register, byte[] buffer, int offset, int length) {
        transactWrite(register.clone());
        return read(buffer, offset, length);
    }

    @Override
    public int writeRegister(int register, byte b) {
        transactWrite(new byte[] {(byte) register, b});
        return 1;
    }

    @Override
    public int writeRegister(int register, byte[] data, int offset, int length) {
        byte[] bytes = new byte[length + 1];
        bytes[0] = (byte) register;
        System.arraycopy(data, offset, bytes, 1, length);
        transactWrite(bytes);
        return length;
    }

    @Override
    public int writeRegister(byte[] register, byte[] data, int offset, int length) {
        byte[] bytes = Arrays.copyOf(register, register.length + length);
        System.arraycopy(data, offset, bytes, register.length, length);
        transactWrite(bytes);
        return length;
    }

    private void transactWrite(byte[] data) {
        stall();
        try {
            device.write(data);
        } catch (BusNack e) {
            throw nack(e);
        }
    }

    private byte[] transactRead(int length) {
        stall();
        try {
            return device.read(length);
        } catch (BusNack e) {
            throw nack(e);
        }
    }

    /** A SLOW chip holds the bus for real time, as a stretched clock does. */
    private void stall() {
        if (device.fault() == ChipFault.SLOW) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ChipFault.SLOW_MILLIS));
        }
    }

    private Pi4JException nack(BusNack e) {
        return new Pi4JException(String.format("I2C bus %d address 0x%02x: %s", bus(), device(), e.getMessage()), e);
    }
}
