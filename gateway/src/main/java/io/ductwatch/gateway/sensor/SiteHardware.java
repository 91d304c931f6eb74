package io.ductwatch.gateway.sensor;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import io.ductwatch.config.OutputConfig;
import io.ductwatch.config.SensorConfig;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The drivers and outputs of one site, opened on a Pi4J context and a w1 sysfs tree: the same code on a
 * Raspberry Pi (gpiod, linuxfs, /sys/bus/w1/devices) and in the simulator (its providers and emulated
 * sysfs). One I2C handle per chip, shared by the channels of an ADS1115; all DS18B20s in one chain.
 *
 * <p>{@link #close()} puts every output in its fail-safe state; it is idempotent.
 */
public final class SiteHardware implements AutoCloseable {

    private final Context pi4j;
    private final List<SensorDriver> drivers;
    private final Map<String, RelayOutput> outputs;

    private SiteHardware(Context pi4j, List<SensorDriver> drivers, Map<String, RelayOutput> outputs) {
        this.pi4j = pi4j;
        this.drivers = List.copyOf(drivers);
        this.outputs = java.util.Collections.unmodifiableMap(outputs);
    }

    /**
     * Opens every sensor and output of a site.
     *
     * @param clock  the injected clock, for stamping contact edges
     * @param onEdge receives contact edges the moment they happen, on the GPIO provider's thread
     */
    public static SiteHardware open(SiteConfig site, Context pi4j, SysfsTree w1, Supplier<Instant> clock,
                                    Consumer<Reading> onEdge) {
        Map<String, I2C> i2c = new HashMap<>();
        Map<String, Ads1115> adcs = new HashMap<>();
        List<SensorDriver> drivers = new ArrayList<>();
        List<Ds18b20Chain.Probe> chain = new ArrayList<>();
        for (SensorConfig sensor : site.sensors()) {
            SensorConfig.Wiring wiring = sensor.wiring();
            if (wiring instanceof SensorConfig.OneWire w) {
                chain.add(new Ds18b20Chain.Probe(sensor.id(), w.romId(), w.resolutionBits()));
            } else if (wiring instanceof SensorConfig.I2cChip chip) {
                I2C handle = i2c.computeIfAbsent(key(chip.bus(), chip.address()), k -> openI2c(pi4j, chip.bus(),
                        chip.address()));
                drivers.add(chip.chip() == SensorConfig.I2cChip.Chip.SHT31
                        ? new Sht31Driver(handle, sensor.id()) : new Bme280Driver(handle, sensor.id()));
            } else if (wiring instanceof SensorConfig.Loop loop) {
                Ads1115 adc = adc(pi4j, i2c, adcs, loop.adc());
                drivers.add(new LoopDriver(adc, loop.adc().channel(),
                        new LoopScale(loop.shuntOhm(), loop.at4mA(), loop.at20mA()), sensor.id(),
                        Quantity.of(sensor.kind())));
            } else if (wiring instanceof SensorConfig.Supervised line) {
                Ads1115 adc = adc(pi4j, i2c, adcs, line.adc());
                drivers.add(new SupervisedContactDriver(adc, line.adc().channel(),
                        new SupervisedLine(line.supplyV(), line.seriesOhm(), line.eolOhm(), line.alarmOhm()),
                        line.debounce(), sensor.id()));
            } else if (wiring instanceof SensorConfig.Gpio gpio) {
                drivers.add(new GpioContact(openInput(pi4j, sensor.id(), gpio), sensor.id(), gpio.activeHigh(), clock,
                        onEdge));
            }
        }
        if (!chain.isEmpty()) {
            drivers.add(0, new Ds18b20Chain(w1, chain));
        }
        Map<String, RelayOutput> outputs = new LinkedHashMap<>();
        for (OutputConfig output : site.outputs()) {
            outputs.put(output.id(), new RelayOutput(output.id(), openOutput(pi4j, output), output.activeHigh(),
                    output.failSafeOn()));
        }
        return new SiteHardware(pi4j, drivers, outputs);
    }


    public List<SensorDriver> drivers() {
        return drivers;
    }

    public Map<String, RelayOutput> outputs() {
        return outputs;
    }

    @Override
    public void close() {
        outputs.values().forEach(RelayOutput::failSafe);
    }

    /**
     * Gives every I2C and GPIO handle back to the Pi4J context (each goes to its configured shutdown
     * state), so the same hardware can be opened again on it: a restart of the gateway in one process.
     */
    public void release() {
        for (String id : List.copyOf(pi4j.registry().all().keySet())) {
            if (id.startsWith("i2c-") || id.startsWith("in-") || id.startsWith("out-")) {
                pi4j.shutdown(id);
            }
        }
    }

    private static Ads1115 adc(Context pi4j, Map<String, I2C> i2c, Map<String, Ads1115> adcs,
                               SensorConfig.AdcChannel channel) {
        String key = key(channel.bus(), channel.address());
        return adcs.computeIfAbsent(key, k -> new Ads1115(i2c.computeIfAbsent(k,
                kk -> openI2c(pi4j, channel.bus(), channel.address()))));
    }

    private static I2C openI2c(Context pi4j, int bus, int address) {
        return pi4j.create(I2C.newConfigBuilder(pi4j).id(key(bus, address)).name(key(bus, address))
                .bus(bus).device(address).build());
    }

    private static DigitalInput openInput(Context pi4j, String sensorId, SensorConfig.Gpio gpio) {
        PullResistance pull = switch (gpio.pull()) {
            case UP -> PullResistance.PULL_UP;
            case DOWN -> PullResistance.PULL_DOWN;
            case OFF -> PullResistance.OFF;
        };
        return pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("in-" + sensorId).name(sensorId)
                .address(gpio.pin()).pull(pull).debounce(gpio.debounce().toNanos() / 1000).build());
    }

    private static DigitalOutput openOutput(Context pi4j, OutputConfig output) {
        DigitalState safeLevel = output.failSafeOn() == output.activeHigh() ? DigitalState.HIGH : DigitalState.LOW;
        return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("out-" + output.id()).name(output.id())
                .address(output.pin()).initial(safeLevel).shutdown(safeLevel).build());
    }

    private static String key(int bus, int address) {
        return String.format("i2c-%d-0x%02x", bus, address);
    }
}
