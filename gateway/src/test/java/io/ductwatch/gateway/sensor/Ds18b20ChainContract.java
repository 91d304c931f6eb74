package io.ductwatch.gateway.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@link Ds18b20Chain} promises against any w1 sysfs tree, simulated or a Pi's. */
public abstract class Ds18b20ChainContract {

    protected static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    protected abstract SysfsTree w1();

    /** The sensors on the bus. */
    protected abstract List<Ds18b20Chain.Probe> probes();

    /** The temperature each probe sees, if the backend sets it. */
    protected abstract Optional<Double> temperatureOf(String sensorId);

    @Test
    void reads_every_probe_in_one_cycle() {
        Ds18b20Chain chain = new Ds18b20Chain(w1(), probes());

        chain.start();
        List<Reading> readings = chain.collect(T0);

        assertThat(readings).extracting(Reading::sensorId)
                .containsExactlyElementsOf(probes().stream().map(Ds18b20Chain.Probe::sensorId).toList());
        assertThat(readings).allSatisfy(r -> {
            assertThat(r.quantity()).isEqualTo(Quantity.TEMPERATURE);
            assertThat(r.isOk()).as(r.sensorId() + ": " + r.detail()).isTrue();
            assertThat(r.value()).isBetween(-55.0, 125.0);
            temperatureOf(r.sensorId()).ifPresent(t -> assertThat(r.value()).isCloseTo(t, within(0.0625)));
        });
    }

    @Test
    void a_rom_id_not_on_the_bus_is_no_response() {
        Ds18b20Chain chain = new Ds18b20Chain(w1(), List.of(new Ds18b20Chain.Probe("ghost", "28-00000000dead", 12)));

        chain.start();
        Reading reading = chain.collect(T0).get(0);

        assertThat(reading.quality()).isEqualTo(io.ductwatch.gateway.core.Quality.NO_RESPONSE);
        assertThat(reading.detail()).contains("not on the 1-Wire bus");
    }
}
