package io.ductwatch.simulator.device;

/** What a GPIO output pin drives: the coil of a relay, seen as the last level written to the pin. */
public final class RelayCoil {

    private volatile boolean high;
    private volatile int switches;
    private volatile long switchedAtNanos;

    public boolean isHigh() {
        return high;
    }

    /** How many times the level changed. */
    public int switches() {
        return switches;
    }

    /** When the level last changed ({@link System#nanoTime()}), for the bench's output latency; 0 if never. */
    public long switchedAtNanos() {
        return switchedAtNanos;
    }

    public synchronized void drive(boolean level) {
        if (level != high) {
            switches++;
            switchedAtNanos = System.nanoTime();
        }
        high = level;
    }
}
