package io.ductwatch.simulator.device;

/** The emulated chip did not acknowledge: the I2C transaction failed as a NACK does on a real bus. */
public final class BusNack extends Exception {

    private static final long serialVersionUID = 1L;

    public BusNack(String message) {
        super(message);
    }
}
