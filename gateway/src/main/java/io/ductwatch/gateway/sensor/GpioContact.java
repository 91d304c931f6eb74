package io.ductwatch.gateway.sensor;

import com.pi4j.exception.Pi4JException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import io.ductwatch.gateway.core.Quality;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A contact on a GPIO input: door, manual call point, a power supply's status line, a conventional
 * detector's relay. An edge is handed on the moment Pi4J reports it, on Pi4J's event thread, as a reading
 * stamped by the injected clock; the loop also samples the level, so a missed edge is caught at the
 * next sample. Debounce is done by the GPIO provider (gpiod's debounce period, from the site file).
 */
public final class GpioContact implements SensorDriver {

    private final DigitalInput input;
    private final String sensorId;
    private final boolean activeHigh;
    private final Supplier<Instant> clock;

    /**
     * @param onEdge called for every change of level, on the provider's event thread; it must not block
     */
    public GpioContact(DigitalInput input, String sensorId, boolean activeHigh, Supplier<Instant> clock,
                       Consumer<Reading> onEdge) {
        this.input = input;
        this.sensorId = sensorId;
        this.activeHigh = activeHigh;
        this.clock = clock;
        input.addListener(event -> onEdge.accept(reading(((DigitalStateChangeEvent<?>) event).state(), clock.get())));
    }

    @Override
    public String name() {
        return "GPIO " + input.address() + " (" + sensorId + ")";
    }

    @Override
    public List<String> sensorIds() {
        return List.of(sensorId);
    }

    @Override
    public Duration conversionTime() {
        return Duration.ZERO;
    }

    @Override
    public void start() {
        // A level needs no conversion.
    }

    @Override
    public List<Reading> collect(Instant at) {
        try {
            return List.of(reading(input.state(), at));
        } catch (Pi4JException e) {
            return List.of(Reading.fault(sensorId, Quantity.CONTACT, Quality.NO_RESPONSE, at,
                    "GPIO read failed: " + e.getMessage()));
        }
    }

    /** The current level as a reading, stamped now. */
    public Reading sample() {
        return collect(clock.get()).get(0);
    }

    private Reading reading(DigitalState state, Instant at) {
        if (state == null || state == DigitalState.UNKNOWN) {
            return Reading.fault(sensorId, Quantity.CONTACT, Quality.NO_RESPONSE, at, "GPIO level unknown");
        }
        boolean high = state == DigitalState.HIGH;
        return Reading.ok(sensorId, Quantity.CONTACT, high == activeHigh ? 1 : 0, at);
    }
}
