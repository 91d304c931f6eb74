package io.ductwatch.simulator.scenario;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds a run's simulated time to a multiple of real time: at speed 10, simulated second t is not passed
 * before t / 10 real seconds after the start; at speed 0 it never waits (as fast as the machine goes).
 * Used on the thread that runs the simulation.
 */
final class RealTimePace {

    private final double speed;
    private final long wallStart = System.nanoTime();

    RealTimePace(double speed) {
        this.speed = speed;
    }

    /** Waits until simulated second {@code t} is due in real time. */
    void reach(double t) {
        if (speed <= 0) {
            return;
        }
        long wait = wallStart + (long) (t / speed * 1e9) - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
