package io.ductwatch.simulator.scenario;

import io.ductwatch.simulator.physics.Recording;
import java.util.List;
import java.util.Optional;

/**
 * A scenario (DESIGN 2.6): what happens in the duct and to the gateway, on simulated time in seconds
 * from the start. Validated against a site by {@link ScenarioLoader}.
 */
public record Scenario(String name, double durationS, Ambient ambient, List<Event> events) {

    public Scenario {
        events = List.copyOf(events);
    }

    /** The air in the duct without any event: a mean, and an optional daily swing. */
    public record Ambient(double temperatureC, double humidityPct, double swingK, double swingPeriodS) {

        public double temperatureAt(double t) {
            return swingK == 0 ? temperatureC : temperatureC + swingK * Math.sin(2 * Math.PI * t / swingPeriodS);
        }
    }

    /** Something that happens at {@link #atS()}. */
    public sealed interface Event permits Fire, Smoulder, Flood, Heat, Contact, SensorFault, Uplink, PowerCut, Recorded,
            Modem, Sms {
        double atS();
    }

    /** A t-squared fire at a chainage, growing to {@code maxKw}. */
    public record Fire(double atS, double positionM, double alphaKwPerS2, double maxKw) implements Event {
    }

    /** A smouldering fire: a small constant heat release with a high smoke yield, for a while. */
    public record Smoulder(double atS, double positionM, double kw, double durationS) implements Event {
    }

    /** Water rising at a low point. */
    public record Flood(double atS, double positionM, double rateMmPerMin) implements Event {
    }

    /** A local ramp of the air temperature between two chainages (a heater, a hot pipe, a test ramp). */
    public record Heat(double atS, double fromM, double toM, double rateKPerMin, double durationS) implements Event {
    }

    /** A contact operated (a call point pressed, a door opened), released after a while if given. */
    public record Contact(double atS, String sensor, boolean active, Optional<Double> durationS) implements Event {
    }

    /** A sensor fault as it shows on its bus, for a while if given. */
    public record SensorFault(double atS, String sensor, String mode, Optional<Double> durationS) implements Event {
    }

    /** A fault of the path between the gateway and the broker. */
    public record Uplink(double atS, String mode, double durationS) implements Event {
    }

    /** A fault of the fallback path's cellular modem, for a while if given. */
    public record Modem(double atS, String mode, Optional<Double> durationS) implements Event {
    }

    /** An SMS reaches the gateway's modem. */
    public record Sms(double atS, String from, String text) implements Event {
    }

    /** The gateway process dies and restarts after a while. */
    public record PowerCut(double atS, double durationS) implements Event {
    }

    /**
     * A recorded fire (measured or FDS-computed gas temperatures) at a chainage; the recording's row at
     * its own {@code ignitionS} happens at {@link #atS()}.
     */
    public record Recorded(double atS, double firePositionM, double ignitionS, Recording recording,
                           String file) implements Event {
    }

    /** When the first fire, smoulder or heat ramp starts, if any: the origin of detection times. */
    public Optional<Double> firstThermalEventS() {
        return events.stream().filter(e -> e instanceof Fire || e instanceof Smoulder || e instanceof Heat
                || e instanceof Recorded).map(Event::atS).min(Double::compare);
    }

    /** When the first fire (modelled or recorded) starts, if any. */
    public Optional<Double> firstFireS() {
        return events.stream().filter(e -> e instanceof Fire || e instanceof Recorded).map(Event::atS)
                .min(Double::compare);
    }
}
