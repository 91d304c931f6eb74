package io.ductwatch.simulator.device;

/** What a GPIO output pin drives: the coil of a relay, seen as the last level written to the pin. */
public final class RelayCoil {

    private volatile boolean high;
    private volatile int switches;

    public boolean isHigh() {
        return high;
    }

    /** How many times the level changed. */
    public int switches() {
        return switches;
    }

    public synchronized void drive(boolean level) {
        if (level != high) {
            switches++;
        }
        high = level;
    }
}
