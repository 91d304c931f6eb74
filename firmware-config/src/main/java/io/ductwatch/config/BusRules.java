package io.ductwatch.config;

import io.ductwatch.config.yaml.Located.Mapping;
import io.ductwatch.config.yaml.ProblemSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of a site file's buses and pins that its schema cannot say: one chip per I2C bus address, one
 * sensor per ADS1115 channel, and each GPIO with one use (a contact, an output, the 1-Wire bus, I2C bus 1).
 * Part of {@link SiteRules}.
 */
final class BusRules {

    /** GPIO 2 and 3 are SDA and SCL of /dev/i2c-1 on the 40-pin header. */
    private static final List<Integer> I2C1_PINS = List.of(2, 3);

    private final ProblemSink sink;

    private BusRules(ProblemSink sink) {
        this.sink = sink;
    }

    static void check(Mapping root, List<Mapping> sensors, List<Mapping> outputs, ProblemSink sink) {
        BusRules rules = new BusRules(sink);
        rules.busAddresses(sensors);
        rules.pins(root, sensors, outputs);
    }

    /** One chip per bus address; one sensor per ADS1115 channel. */
    private void busAddresses(List<Mapping> sensors) {
        Map<String, Mapping> chipAt = new HashMap<>();
        Map<String, Mapping> channelAt = new HashMap<>();
        for (Mapping sensor : sensors) {
            Optional<Long> address = sensor.integer("address");
            Optional<Long> bus = sensor.integer("bus");
            Optional<String> driver = sensor.text("driver");
            if (address.isEmpty() || bus.isEmpty() || driver.isEmpty()) {
                continue;
            }
            String busAddress = "i2c-" + bus.get() + " " + SiteRules.hex(address.get());
            String chip = SiteRules.chipName(driver.get());
            Mapping first = chipAt.putIfAbsent(busAddress, sensor);
            if (first != null) {
                String firstChip = SiteRules.chipName(first.requireText("driver"));
                boolean sharedAdc = chip.equals("ADS1115") && firstChip.equals("ADS1115");
                if (!sharedAdc) {
                    error(sensor, "address", busAddress + " is already used by sensor '"
                            + first.text("id").orElse("?") + "' (" + firstChip + ", line "
                            + first.at("address").line() + ")");
                    continue;
                }
            }
            Optional<Long> channel = sensor.integer("channel");
            if (channel.isPresent()) {
                Mapping other = channelAt.putIfAbsent(busAddress + " AIN" + channel.get(), sensor);
                if (other != null) {
                    error(sensor, "channel", "AIN" + channel.get() + " of the ADS1115 at " + busAddress
                            + " is already sensor '" + other.text("id").orElse("?") + "' (line "
                            + other.at("channel").line() + ")");
                }
            }
        }
    }

    /** Each GPIO has one use: a contact, an output, the 1-Wire bus, or I2C bus 1. */
    private void pins(Mapping root, List<Mapping> sensors, List<Mapping> outputs) {
        Map<Long, String> reserved = new HashMap<>();
        boolean oneWireUsed = sensors.stream().anyMatch(s -> s.text("driver").orElse("").equals("ds18b20"));
        Optional<Long> oneWirePin = root.mapping("gateway").flatMap(g -> g.mapping("oneWire"))
                .flatMap(w -> w.integer("pin"));
        if (oneWireUsed && oneWirePin.isPresent()) {
            reserved.put(oneWirePin.get(), "the 1-Wire bus (gateway.oneWire.pin)");
        }
        boolean i2c1Used = sensors.stream().anyMatch(s -> s.integer("bus").orElse(-1L) == 1L);
        if (i2c1Used) {
            for (int pin : I2C1_PINS) {
                if (oneWireUsed && oneWirePin.isPresent() && oneWirePin.get() == pin) {
                    root.mapping("gateway").flatMap(g -> g.mapping("oneWire")).ifPresent(w -> error(w, "pin",
                            "GPIO " + pin + " is " + (pin == 2 ? "SDA" : "SCL") + " of I2C bus 1, which sensors use"));
                }
                reserved.putIfAbsent((long) pin, "I2C bus 1 (" + (pin == 2 ? "SDA" : "SCL") + ")");
            }
        }
        Map<Long, Mapping> users = new HashMap<>();
        List<Mapping> all = new ArrayList<>(sensors);
        all.addAll(outputs);
        for (Mapping item : all) {
            Optional<Long> pin = item.integer("pin");
            if (pin.isEmpty()) {
                continue;
            }
            if (reserved.containsKey(pin.get())) {
                error(item, "pin", "GPIO " + pin.get() + " is taken by " + reserved.get(pin.get()));
                continue;
            }
            Mapping first = users.putIfAbsent(pin.get(), item);
            if (first != null) {
                error(item, "pin", "GPIO " + pin.get() + " is already used by '" + first.text("id").orElse("?")
                        + "' (line " + first.at("pin").line() + ")");
            }
        }
    }

    private void error(Mapping where, String key, String message) {
        SiteRules.error(sink, where, key, message);
    }
}
