package io.ductwatch.simulator.device;

/**
 * A chip on an emulated I2C bus, seen at the level of bus transactions: a write transaction carries
 * bytes to the chip (a command, or a register pointer and data), a read transaction fetches bytes.
 * Implementations follow their datasheet byte for byte. Called from any thread; implementations are
 * thread-safe.
 */
public interface I2cDevice {

    /** One write transaction. */
    void write(byte[] data) throws BusNack;

    /** One read transaction of {@code length} bytes. */
    byte[] read(int length) throws BusNack;

    /** The fault the chip is given now. */
    ChipFault fault();
}
