package io.ductwatch.gateway.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.io.gpio.digital.DigitalInput;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What {@link GpioContact} promises on any GPIO input, simulated or a Pi's. */
public abstract class GpioContactContract {

    protected static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    /** An input pin with pull-up, its contact active low. */
    protected abstract DigitalInput input();

    /** A way to drive the pin's level (true: high), if the backend has one; empty on hardware. */
    protected abstract Optional<Consumer<Boolean>> driver();

    @Test
    void samples_the_level_as_a_contact_reading() {
        GpioContact contact = new GpioContact(input(), "door", false, () -> T0, r -> { });

        Reading reading = contact.collect(T0).get(0);

        assertThat(reading.quantity()).isEqualTo(Quantity.CONTACT);
        assertThat(reading.isOk()).isTrue();
        assertThat(reading.value()).isIn(0.0, 1.0);
    }

    @Test
    void hands_on_each_edge_at_once() {
        List<Reading> edges = new CopyOnWriteArrayList<>();
        GpioContact contact = new GpioContact(input(), "mcp0", false, () -> T0, edges::add);
        driver().ifPresent(drive -> {
            drive.accept(true);
            drive.accept(false);
            drive.accept(true);

            assertThat(edges).extracting(Reading::isActive).containsExactly(true, false);
            assertThat(contact.sample().isActive()).isFalse();
        });
    }
}
