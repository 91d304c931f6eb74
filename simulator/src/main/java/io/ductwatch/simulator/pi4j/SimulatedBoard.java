package io.ductwatch.simulator.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;

/**
 * The Raspberry Pi of the simulator: a Pi4J context built without auto-detection from the simulated I2C
 * and GPIO providers, so the gateway's drivers talk to chip emulations through the same Pi4J interfaces
 * they use on a Pi.
 */
public final class SimulatedBoard implements AutoCloseable {

    private final SimI2CProvider i2c = new SimI2CProvider();
    private final SimDigitalInputProvider inputs = new SimDigitalInputProvider();
    private final SimDigitalOutputProvider outputs = new SimDigitalOutputProvider();
    private final Context context;

    public SimulatedBoard() {
        context = Pi4J.newContextBuilder()
                .noAutoDetect()
                .disableShutdownHook()
                .add(i2c, inputs, outputs)
                .build();
    }

    public Context context() {
        return context;
    }

    public SimI2CProvider i2c() {
        return i2c;
    }

    public SimDigitalInputProvider inputs() {
        return inputs;
    }

    public SimDigitalOutputProvider outputs() {
        return outputs;
    }

    /** Shuts the Pi4J context down. */
    @Override
    public void close() {
        context.shutdown();
    }
}
