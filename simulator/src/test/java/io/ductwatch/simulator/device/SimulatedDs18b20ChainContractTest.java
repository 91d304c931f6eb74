package io.ductwatch.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.gateway.core.Quality;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.sensor.Ds18b20Chain;
import io.ductwatch.gateway.sensor.Ds18b20ChainContract;
import io.ductwatch.gateway.sensor.SysfsTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatedDs18b20ChainContractTest extends Ds18b20ChainContract {

    private final W1Sysfs w1 = new W1Sysfs();
    private final List<Ds18b20Chain.Probe> probes = new ArrayList<>();

    @BeforeEach
    void chain() {
        for (int i = 0; i <= 20; i++) {
            String rom = String.format("28-01193a0c5f%02x", i);
            w1.add(rom).expose(temperature(i));
            probes.add(new Ds18b20Chain.Probe(String.format("t%02d", i), rom, 12));
        }
    }

    private static double temperature(int index) {
        return 18.0 + index * 0.25;
    }

    @Override
    protected SysfsTree w1() {
        return w1;
    }

    @Override
    protected List<Ds18b20Chain.Probe> probes() {
        return probes;
    }

    @Override
    protected Optional<Double> temperatureOf(String sensorId) {
        return Optional.of(temperature(Integer.parseInt(sensorId.substring(1))));
    }

    private Reading readT07(Ds18b20Chain chain, java.time.Instant at) {
        chain.start();
        return chain.collect(at).get(7);
    }

    @Test
    void a_21_sensor_chain_is_read_in_one_bulk_conversion() {
        Ds18b20Chain chain = new Ds18b20Chain(w1, probes);

        chain.start();
        List<Reading> readings = chain.collect(T0);

        assertThat(readings).hasSize(21).allSatisfy(r -> assertThat(r.isOk()).isTrue());
        assertThat(w1.bulkConversions()).isEqualTo(1);
        assertThat(w1.singleConversions()).isZero();
    }

    @Test
    void each_fault_maps_to_its_quality() {
        Ds18b20Chain chain = new Ds18b20Chain(w1, probes);
        w1.device("28-01193a0c5f01").orElseThrow().setFault(ChipFault.CORRUPT);
        w1.device("28-01193a0c5f02").orElseThrow().setFault(ChipFault.NACK);
        w1.device("28-01193a0c5f03").orElseThrow().setFault(ChipFault.DISCONNECT);

        chain.start();
        List<Reading> readings = chain.collect(T0);

        assertThat(readings.get(1).quality()).isEqualTo(Quality.CRC_ERROR);
        assertThat(readings.get(2).quality()).isEqualTo(Quality.NO_RESPONSE);
        assertThat(readings.get(2).detail()).contains("no data");
        assertThat(readings.get(3).quality()).isEqualTo(Quality.NO_RESPONSE);
        assertThat(readings.get(3).detail()).contains("not on the 1-Wire bus");
        assertThat(readings.get(0).isOk()).isTrue();
    }

    @Test
    void a_stuck_sensor_repeats_its_value() {
        Ds18b20Chain chain = new Ds18b20Chain(w1, probes);
        double before = readT07(chain, T0).value();
        w1.device("28-01193a0c5f07").orElseThrow().setFault(ChipFault.STUCK);
        w1.device("28-01193a0c5f07").orElseThrow().expose(50.0);

        assertThat(readT07(chain, T0.plusSeconds(2)).value()).isEqualTo(before);
    }

    @Test
    void the_85_degree_power_on_value_is_rejected_after_power_up() {
        Ds18b20Chain chain = new Ds18b20Chain(w1, probes);
        w1.device("28-01193a0c5f07").orElseThrow().powerCycle();

        Reading reading = readT07(chain, T0);

        assertThat(reading.quality()).isEqualTo(Quality.NO_RESPONSE);
        assertThat(reading.detail()).contains("85 °C power-on value");
    }

    @ParameterizedTest(name = "from {0} °C, {1} s later: 85 °C accepted = {2}")
    @CsvSource({"20, 2, false", "60, 2, false", "70, 2, true", "80, 2, true", "20, 10, true"})
    void the_85_degree_value_is_believed_only_when_the_sensor_could_be_that_hot(double fromC, long seconds,
                                                                                 boolean accepted) {
        Ds18b20Chain chain = new Ds18b20Chain(w1, probes);
        Ds18b20Device t07 = w1.device("28-01193a0c5f07").orElseThrow();
        t07.expose(fromC);
        assertThat(readT07(chain, T0).isOk()).isTrue();

        t07.expose(85.0);
        Reading reading = readT07(chain, T0.plusSeconds(seconds));

        assertThat(reading.isOk()).isEqualTo(accepted);
        if (accepted) {
            assertThat(reading.value()).isEqualTo(85.0);
        }
    }

    @Test
    void a_sensor_heating_through_85_degrees_in_a_fire_stays_seen() {
        Ds18b20Chain chain = new Ds18b20Chain(w1, probes);
        Ds18b20Device t07 = w1.device("28-01193a0c5f07").orElseThrow();
        List<Double> seen = new ArrayList<>();
        IntStream.rangeClosed(0, 15).forEach(step -> {
            t07.expose(55.0 + step * 4.0);
            Reading reading = readT07(chain, T0.plusSeconds(2L * step));
            assertThat(reading.isOk()).as("step %d: %s", step, reading.detail()).isTrue();
            seen.add(reading.value());
        });
        assertThat(seen).contains(87.0).last().isEqualTo(115.0);
    }

    @Test
    void a_lower_resolution_is_set_once_and_read_at_its_step() {
        Ds18b20Chain chain = new Ds18b20Chain(w1, List.of(new Ds18b20Chain.Probe("t00", "28-01193a0c5f00", 9)));
        w1.device("28-01193a0c5f00").orElseThrow().expose(21.3);

        chain.start();
        Reading reading = chain.collect(T0).get(0);

        assertThat(w1.device("28-01193a0c5f00").orElseThrow().resolutionBits()).isEqualTo(9);
        assertThat(reading.value()).isEqualTo(21.0);
    }
}
