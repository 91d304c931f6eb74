package io.ductwatch.simulator.pi4j;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProviderBase;
import io.ductwatch.simulator.device.RelayCoil;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Pi4J's digital output provider for the simulated board, one {@link RelayCoil} per BCM pin. */
public final class SimDigitalOutputProvider extends DigitalOutputProviderBase {

    public static final String ID = "ductwatch-sim-digital-output";

    private final Map<Integer, RelayCoil> coils = new ConcurrentHashMap<>();

    public SimDigitalOutputProvider() {
        super(ID, "ductwatch simulated digital output");
    }

    public RelayCoil coil(int pin) {
        return coils.computeIfAbsent(pin, p -> new RelayCoil());
    }

    @Override
    public DigitalOutput create(DigitalOutputConfig config) {
        SimDigitalOutput output = new SimDigitalOutput(this, config, coil(config.address()));
        context().registry().add(output);
        return output;
    }
}
