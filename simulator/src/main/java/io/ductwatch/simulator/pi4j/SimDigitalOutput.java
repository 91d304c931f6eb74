package io.ductwatch.simulator.pi4j;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputBase;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import io.ductwatch.simulator.device.RelayCoil;

/** A GPIO output of the simulated board: every level written drives its relay coil. */
final class SimDigitalOutput extends DigitalOutputBase {

    private final RelayCoil coil;

    SimDigitalOutput(DigitalOutputProvider provider, DigitalOutputConfig config, RelayCoil coil) {
        super(provider, config);
        this.coil = coil;
    }

    @Override
    public DigitalOutput state(DigitalState state) {
        coil.drive(state == DigitalState.HIGH);
        return super.state(state);
    }
}
