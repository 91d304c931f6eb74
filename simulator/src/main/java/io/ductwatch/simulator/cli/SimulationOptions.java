package io.ductwatch.simulator.cli;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalDouble;
import picocli.CommandLine.Option;

/** {@code --broker}, {@code --speed} and {@code --seed}, shared by {@code run} and {@code fleet}. */
final class SimulationOptions {

    @Option(names = "--broker", paramLabel = "URL", description = "An MQTT broker (tcp://host:port); default: embedded.")
    private URI broker;

    @Option(names = "--speed", paramLabel = "FACTOR|max", defaultValue = "max",
            description = "Times real time, or max (default).")
    private String speed;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the noise (default 1).")
    private long seed;

    Optional<URI> broker() {
        return Optional.ofNullable(broker);
    }

    long seed() {
        return seed;
    }

    /** The speed as a factor of real time, 0 for max; empty when it is neither a positive number nor max. */
    OptionalDouble speedFactor() {
        if (speed.equals("max")) {
            return OptionalDouble.of(0);
        }
        try {
            double factor = Double.parseDouble(speed);
            return factor < 0 || Double.isNaN(factor) ? OptionalDouble.empty() : OptionalDouble.of(factor);
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** What to say when {@link #speedFactor()} is empty. */
    String speedProblem(String command) {
        return command + ": --speed takes a positive factor or max, not '" + speed + "'";
    }
}
