package io.ductwatch.gateway.hardware;

import io.ductwatch.gateway.sensor.Ds18b20Chain;
import io.ductwatch.gateway.sensor.Ds18b20ChainContract;
import io.ductwatch.gateway.sensor.LinuxSysfs;
import io.ductwatch.gateway.sensor.SysfsTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/** Every DS18B20 the Pi's w1 bus shows, read as one chain. */
@Tag("hardware")
class HardwareDs18b20ChainContractTest extends Ds18b20ChainContract {

    private SysfsTree w1;
    private List<Ds18b20Chain.Probe> probes;

    @BeforeEach
    void open() {
        w1 = new LinuxSysfs(PiBoard.w1Devices());
        try {
            probes = w1.list("").stream().filter(n -> n.startsWith("28-"))
                    .map(rom -> new Ds18b20Chain.Probe(rom, rom, 12)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Assumptions.assumeFalse(probes.isEmpty(), "no DS18B20 on the w1 bus");
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
        return Optional.empty();
    }
}
