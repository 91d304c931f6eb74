package io.ductwatch.simulator.pi4j;

import com.pi4j.context.Context;
import io.ductwatch.config.OutputConfig;
import io.ductwatch.config.SensorConfig;
import io.ductwatch.config.FallbackConfig;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.gateway.core.Scheduler;
import io.ductwatch.simulator.device.EmulatedModem;
import io.ductwatch.gateway.sensor.LoopScale;
import io.ductwatch.gateway.sensor.SupervisedLine;
import io.ductwatch.simulator.device.Ads1115Chip;
import io.ductwatch.simulator.device.Bme280Chip;
import io.ductwatch.simulator.device.ChipFault;
import io.ductwatch.simulator.device.ContactLine;
import io.ductwatch.simulator.device.Ds18b20Device;
import io.ductwatch.simulator.device.I2cDevice;
import io.ductwatch.simulator.device.RelayCoil;
import io.ductwatch.simulator.device.Sht31Chip;
import io.ductwatch.simulator.device.W1Sysfs;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every chip, contact and relay a site file names, emulated and placed where the file says: DS18B20s on
 * the simulated w1 bus, SHT31s, BME280s and ADS1115s at their I2C addresses, contacts and relays on their
 * GPIO pins. The simulator sets what each sensor is exposed to, in the sensor's own terms (a temperature,
 * a loop value, a contact state), and injects faults; the gateway reads it all through Pi4J and sysfs.
 */
public final class SimulatedHardware implements AutoCloseable {

    private final SiteConfig site;
    private final SimulatedBoard board = new SimulatedBoard();
    private final W1Sysfs w1 = new W1Sysfs();
    private final Map<String, Ds18b20Device> probes = new HashMap<>();
    private final Map<String, Sht31Chip> sht31 = new HashMap<>();
    private final Map<String, Bme280Chip> bme280 = new HashMap<>();
    private final Map<String, Ads1115Chip> adcs = new HashMap<>();
    private EmulatedModem modem;

    private SimulatedHardware(SiteConfig site) {
        this.site = site;
    }

    /** Emulates the hardware of a site, idle: 20 °C, clean air, no water, every contact normal. */
    public static SimulatedHardware of(SiteConfig site, Supplier<Instant> clock) {
        SimulatedHardware hardware = new SimulatedHardware(site);
        hardware.place(clock);
        return hardware;
    }

    private void place(Supplier<Instant> clock) {
        Map<String, I2cDevice> chips = new HashMap<>();
        for (SensorConfig sensor : site.sensors()) {
            SensorConfig.Wiring wiring = sensor.wiring();
            if (wiring instanceof SensorConfig.OneWire oneWire) {
                probes.put(sensor.id(), w1.add(oneWire.romId()));
            } else if (wiring instanceof SensorConfig.I2cChip chip) {
                I2cDevice device = chips.computeIfAbsent(key(chip.bus(), chip.address()),
                        k -> chip.chip() == SensorConfig.I2cChip.Chip.SHT31 ? new Sht31Chip(clock) : new Bme280Chip());
                board.i2c().place(chip.bus(), chip.address(), device);
                if (device instanceof Sht31Chip s) {
                    sht31.put(sensor.id(), s);
                } else {
                    bme280.put(sensor.id(), (Bme280Chip) device);
                }
            } else if (wiring instanceof SensorConfig.OnAdc onAdc) {
                SensorConfig.AdcChannel channel = onAdc.adc();
                Ads1115Chip adc = (Ads1115Chip) chips.computeIfAbsent(key(channel.bus(), channel.address()),
                        k -> new Ads1115Chip());
                board.i2c().place(channel.bus(), channel.address(), adc);
                adcs.put(sensor.id(), adc);
            } else if (wiring instanceof SensorConfig.Gpio gpio) {
                board.inputs().line(gpio.pin(), !gpio.activeHigh());
            }
        }
        for (SensorConfig sensor : site.sensors()) {
            if (sensor.wiring() instanceof SensorConfig.Loop loop) {
                setLoopValue(sensor.id(), Math.min(loop.at4mA(), loop.at20mA()));
            } else if (sensor.wiring() instanceof SensorConfig.Supervised line) {
                setLine(sensor.id(), SupervisedLine.State.NORMAL);
                adcs.get(sensor.id()).setOpenCircuitVolts(line.adc().channel(), line.supplyV());
            }
        }
    }

    public Context context() {
        return board.context();
    }

    public W1Sysfs w1() {
        return w1;
    }

    public SimulatedBoard board() {
        return board;
    }

    /** The temperature a heat or climate sensor sees, °C. */
    public void setTemperature(String sensorId, double celsius) {
        if (probes.containsKey(sensorId)) {
            probes.get(sensorId).expose(celsius);
        } else if (sht31.containsKey(sensorId)) {
            sht31.get(sensorId).expose(celsius, 50.0);
        } else if (bme280.containsKey(sensorId)) {
            bme280.get(sensorId).expose(celsius, 50.0, 1013.25);
        } else {
            throw new IllegalArgumentException(sensorId + " does not measure temperature");
        }
    }

    /**
     * The engineering value a 4-20 mA transmitter reports (smoke %/m, CO ppm, level mm). Like a real one
     * (NAMUR NE43) it saturates at 3.8 and 20.5 mA: a value beyond its span reads as the span's end, not
     * as a loop fault.
     */
    public void setLoopValue(String sensorId, double value) {
        SensorConfig.Loop loop = loop(sensorId);
        double volts = scale(loop).volts(value);
        double low = LoopScale.RANGE_LOW_MA / 1000.0 * loop.shuntOhm();
        double high = LoopScale.RANGE_HIGH_MA / 1000.0 * loop.shuntOhm();
        adcs.get(sensorId).setInput(loop.adc().channel(), Math.max(low, Math.min(high, volts)));
    }

    /** The current in a 4-20 mA loop, mA: below 3.6 or above 21 is a loop fault. */
    public void setLoopCurrent(String sensorId, double milliamps) {
        SensorConfig.Loop loop = loop(sensorId);
        adcs.get(sensorId).setInput(loop.adc().channel(), milliamps / 1000.0 * loop.shuntOhm());
    }

    /** Puts a contact in its active or normal state, on GPIO or on a supervised line. */
    public void setContact(String sensorId, boolean active) {
        SensorConfig.Wiring wiring = sensor(sensorId).wiring();
        if (wiring instanceof SensorConfig.Gpio gpio) {
            board.inputs().line(gpio.pin(), !gpio.activeHigh()).drive(active == gpio.activeHigh());
        } else if (wiring instanceof SensorConfig.Supervised) {
            setLine(sensorId, active ? SupervisedLine.State.ACTIVE : SupervisedLine.State.NORMAL);
        } else {
            throw new IllegalArgumentException(sensorId + " is not a contact");
        }
    }

    /** Sets a supervised line to a state: normal, active, open (cut) or shorted. */
    public void setLine(String sensorId, SupervisedLine.State state) {
        SensorConfig.Supervised line = (SensorConfig.Supervised) sensor(sensorId).wiring();
        SupervisedLine model = new SupervisedLine(line.supplyV(), line.seriesOhm(), line.eolOhm(), line.alarmOhm());
        adcs.get(sensorId).setInput(line.adc().channel(), model.nominalV(state));
    }

    /**
     * Gives a sensor a fault as it shows on its bus. On an ADS1115 the fault is its channel's
     * ({@code DISCONNECT}: open loop or cut line, {@code DROPOUT}: failed read, {@code STUCK}; an analog
     * channel has no checksum, so {@code CORRUPT} shows as a failed read); {@code NACK} and {@code SLOW}
     * act on the whole chip, as they would on a real bus. GPIO contacts have no chip to give a fault to.
     */
    public void setFault(String sensorId, ChipFault fault) {
        if (probes.containsKey(sensorId)) {
            probes.get(sensorId).setFault(fault);
        } else if (sht31.containsKey(sensorId)) {
            sht31.get(sensorId).setFault(fault);
        } else if (bme280.containsKey(sensorId)) {
            bme280.get(sensorId).setFault(fault);
        } else if (adcs.containsKey(sensorId)) {
            Ads1115Chip adc = adcs.get(sensorId);
            int channel = ((SensorConfig.OnAdc) sensor(sensorId).wiring()).adc().channel();
            switch (fault) {
                case NACK, SLOW -> adc.setFault(fault);
                case CORRUPT -> adc.setChannelFault(channel, ChipFault.DROPOUT);
                default -> {
                    adc.setFault(ChipFault.NONE);
                    adc.setChannelFault(channel, fault);
                }
            }
        } else {
            throw new IllegalArgumentException(sensorId + " has no chip to give a fault to (a GPIO contact?)");
        }
    }

    /** The DS18B20 of a heat sensor, for power cycles. */
    public Ds18b20Device probe(String sensorId) {
        Ds18b20Device probe = probes.get(sensorId);
        if (probe == null) {
            throw new IllegalArgumentException(sensorId + " is not a DS18B20");
        }
        return probe;
    }

    public Ads1115Chip adc(String sensorId) {
        return adcs.get(sensorId);
    }

    /** Whether an output is switched on: its coil at the output's active level. */
    public boolean outputActive(String outputId) {
        OutputConfig output = site.outputs().stream().filter(o -> o.id().equals(outputId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no output " + outputId));
        return coil(output).isHigh() == output.activeHigh();
    }

    public RelayCoil coil(OutputConfig output) {
        return board.outputs().coil(output.pin());
    }

    public ContactLine line(int pin) {
        return board.inputs().line(pin, true);
    }

    /**
     * The site's fallback modem, emulated behind the serial line the gateway asks for (a SIM without PIN);
     * made at the first call, on the scheduler that runs the gateway, and the same one after a restart.
     */
    public synchronized EmulatedModem modem(FallbackConfig.Modem config, Scheduler scheduler) {
        if (modem == null) {
            modem = new EmulatedModem(config.device(), scheduler, Optional.empty());
        }
        return modem;
    }

    /** The emulated modem, once the gateway asked for it. */
    public synchronized Optional<EmulatedModem> modem() {
        return Optional.ofNullable(modem);
    }

    @Override
    public void close() {
        board.close();
    }

    private SensorConfig sensor(String sensorId) {
        return site.sensor(sensorId).orElseThrow(() -> new IllegalArgumentException("no sensor " + sensorId));
    }

    private SensorConfig.Loop loop(String sensorId) {
        if (!(sensor(sensorId).wiring() instanceof SensorConfig.Loop loop)) {
            throw new IllegalArgumentException(sensorId + " is not a 4-20 mA loop");
        }
        return loop;
    }

    private static LoopScale scale(SensorConfig.Loop loop) {
        return new LoopScale(loop.shuntOhm(), loop.at4mA(), loop.at20mA());
    }

    private static String key(int bus, int address) {
        return bus + ":" + address;
    }
}
