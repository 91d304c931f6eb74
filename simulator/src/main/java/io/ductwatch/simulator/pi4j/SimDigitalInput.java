package io.ductwatch.simulator.pi4j;

import com.pi4j.io.gpio.digital.DigitalInputBase;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import io.ductwatch.simulator.device.ContactLine;

/** A GPIO input of the simulated board: reads its line and dispatches each change at once. */
final class SimDigitalInput extends DigitalInputBase {

    private final ContactLine line;

    SimDigitalInput(DigitalInputProvider provider, DigitalInputConfig config, ContactLine line) {
        super(provider, config);
        this.line = line;
        line.onChange(high -> dispatch(new DigitalStateChangeEvent<>(this, high ? DigitalState.HIGH : DigitalState.LOW)));
    }

    @Override
    public DigitalState state() {
        return line.isHigh() ? DigitalState.HIGH : DigitalState.LOW;
    }
}
