package io.ductwatch.simulator.pi4j;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProviderBase;
import com.pi4j.io.gpio.digital.PullResistance;
import io.ductwatch.simulator.device.ContactLine;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pi4J's digital input provider for the simulated board, one {@link ContactLine} per BCM pin. A pin with
 * nothing wired to it floats to its pull: high with a pull-up, low otherwise.
 */
public final class SimDigitalInputProvider extends DigitalInputProviderBase {

    public static final String ID = "ductwatch-sim-digital-input";

    private final Map<Integer, ContactLine> lines = new ConcurrentHashMap<>();

    public SimDigitalInputProvider() {
        super(ID, "ductwatch simulated digital input");
    }

    /** The line wired to a pin; created idle at {@code idleHigh} if none yet. */
    public ContactLine line(int pin, boolean idleHigh) {
        return lines.computeIfAbsent(pin, p -> new ContactLine(idleHigh));
    }

    @Override
    public DigitalInput create(DigitalInputConfig config) {
        ContactLine line = line(config.address(), config.pull() == PullResistance.PULL_UP);
        SimDigitalInput input = new SimDigitalInput(this, config, line);
        context().registry().add(input);
        return input;
    }
}
