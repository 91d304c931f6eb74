package io.ductwatch.gateway.sensor;

import com.pi4j.exception.Pi4JException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A relay or lamp on a GPIO output: siren, fire-panel relay, fan. Knows its active level and its
 * fail-safe state, the state it takes at start-up, on an orderly stop and whenever it cannot be decided.
 * Switching never throws: a failure is logged and reported as {@code false}.
 */
public final class RelayOutput {

    private static final Logger LOG = LoggerFactory.getLogger(RelayOutput.class);

    private final String id;
    private final DigitalOutput output;
    private final boolean activeHigh;
    private final boolean failSafeOn;
    private volatile boolean on;

    public RelayOutput(String id, DigitalOutput output, boolean activeHigh, boolean failSafeOn) {
        this.id = id;
        this.output = output;
        this.activeHigh = activeHigh;
        this.failSafeOn = failSafeOn;
        set(failSafeOn);
    }

    public String id() {
        return id;
    }

    /** Switches the output; returns whether the pin took the level. */
    public boolean set(boolean active) {
        DigitalState level = active == activeHigh ? DigitalState.HIGH : DigitalState.LOW;
        try {
            output.state(level);
            on = active;
            return true;
        } catch (Pi4JException e) {
            LOG.error("output {}: cannot set GPIO {} {}: {}", id, output.address(), level, e.getMessage());
            return false;
        }
    }

    /** Puts the output in its fail-safe state. */
    public boolean failSafe() {
        return set(failSafeOn);
    }

    public boolean isOn() {
        return on;
    }
}
