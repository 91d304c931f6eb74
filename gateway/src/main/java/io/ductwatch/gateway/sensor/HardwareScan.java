package io.ductwatch.gateway.sensor;

import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.i2c.I2C;
import io.ductwatch.config.SensorConfig;
import io.ductwatch.config.SiteConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What hardware the gateway sees, against what the site file expects: the DS18B20 ROM ids on the 1-Wire
 * bus, and the chips answering at the I2C addresses ductwatch knows. For commissioning (which ROM id sits
 * at which chainage) and for replacing a sensor (the new ROM id shows as unknown, the old one as missing).
 *
 * <p>I2C probing is an address-only write, then a read of an identifying register where the chip has
 * one (BME280 chip id, SHT3x status with CRC); nothing is written that changes a chip's state.
 */
public final class HardwareScan {

    /** Addresses probed on every bus in use: DS2482 1-Wire masters, SHT3x, ADS1115, BME280. */
    static final List<Integer> KNOWN_ADDRESSES = List.of(0x18, 0x19, 0x1A, 0x1B, 0x44, 0x45, 0x48, 0x49, 0x4A, 0x4B,
            0x76, 0x77);

    /** How an expected or found device compares with the site file. */
    public enum Status { OK, MISSING, UNKNOWN, WRONG_CHIP }

    /**
     * One device: where it is, what the site expects there and what answered.
     *
     * @param bus      {@code 1-Wire} or {@code i2c-N}
     * @param address  a ROM id or {@code 0xNN}
     * @param expected what the site file puts there ({@code t07 at 70.0 m}), empty if nothing
     * @param found    what answered ({@code SHT3x}), empty if nothing
     */
    public record Entry(String bus, String address, String expected, String found, Status status) {
    }

    private HardwareScan() {
    }

    /** Scans the 1-Wire bus and the I2C buses the site uses (bus 1 always). */
    public static List<Entry> scan(SiteConfig site, Context pi4j, SysfsTree w1) {
        List<Entry> entries = new ArrayList<>(oneWire(site, w1));
        entries.addAll(i2c(site, pi4j));
        return entries;
    }

    /** Whether a scan matches the site file exactly. */
    public static boolean matches(List<Entry> entries) {
        return entries.stream().allMatch(e -> e.status() == Status.OK);
    }

    private static List<Entry> oneWire(SiteConfig site, SysfsTree w1) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (SensorConfig sensor : site.sensors()) {
            if (sensor.wiring() instanceof SensorConfig.OneWire w) {
                expected.put(w.romId(), sensor.id() + " at " + sensor.positionM() + " m");
            }
        }
        TreeSet<String> present = new TreeSet<>();
        try {
            w1.list("").stream().filter(n -> n.startsWith("28-")).forEach(present::add);
        } catch (IOException e) {
            return List.of(new Entry("1-Wire", "-", "", "cannot list " + w1 + ": " + e.getMessage(), Status.MISSING));
        }
        List<Entry> entries = new ArrayList<>();
        expected.forEach((rom, what) -> entries.add(new Entry("1-Wire", rom, what, present.contains(rom) ? "DS18B20" : "",
                present.contains(rom) ? Status.OK : Status.MISSING)));
        present.stream().filter(rom -> !expected.containsKey(rom))
                .forEach(rom -> entries.add(new Entry("1-Wire", rom, "", "DS18B20", Status.UNKNOWN)));
        return entries;
    }

    private static List<Entry> i2c(SiteConfig site, Context pi4j) {
        Map<Integer, Map<Integer, List<String>>> expected = new TreeMap<>();
        Map<String, String> chipAt = new LinkedHashMap<>();
        expected.computeIfAbsent(1, b -> new TreeMap<>());
        for (SensorConfig sensor : site.sensors()) {
            chipOf(sensor).ifPresent(chip -> {
                int bus = busOf(sensor.wiring());
                int address = addressOf(sensor.wiring());
                expected.computeIfAbsent(bus, b -> new TreeMap<>()).computeIfAbsent(address, a -> new ArrayList<>())
                        .add(sensor.id());
                chipAt.put(bus + ":" + address, chip);
            });
        }
        List<Entry> entries = new ArrayList<>();
        expected.forEach((bus, byAddress) -> {
            TreeSet<Integer> addresses = new TreeSet<>(KNOWN_ADDRESSES);
            addresses.addAll(byAddress.keySet());
            for (int address : addresses) {
                Optional<String> found = probe(pi4j, bus, address);
                List<String> sensors = byAddress.get(address);
                String where = "i2c-" + bus;
                String at = String.format("0x%02x", address);
                if (sensors == null) {
                    found.ifPresent(chip -> entries.add(new Entry(where, at, "", chip, Status.UNKNOWN)));
                    continue;
                }
                String wanted = chipAt.get(bus + ":" + address);
                String what = wanted + " for " + String.join(" ", sensors);
                Status status = found.isEmpty() ? Status.MISSING
                        : found.get().startsWith(wanted) ? Status.OK : Status.WRONG_CHIP;
                entries.add(new Entry(where, at, what, found.orElse(""), status));
            }
        });
        return entries;
    }

    /** What answers at an address, if anything. */
    static Optional<String> probe(Context pi4j, int bus, int address) {
        String id = String.format("scan-%d-0x%02x", bus, address);
        I2C i2c = pi4j.create(I2C.newConfigBuilder(pi4j).id(id).name(id).bus(bus).device(address).build());
        try {
            i2c.write(new byte[0], 0, 0);
            return Optional.of(identify(i2c, address));
        } catch (Pi4JException e) {
            return Optional.empty();
        } finally {
            pi4j.shutdown(id);
        }
    }

    private static String identify(I2C i2c, int address) {
        try {
            if (address == 0x76 || address == 0x77) {
                int id = i2c.readRegister(0xD0);
                return id == 0x60 ? "BME280" : id == 0x58 ? "BMP280" : String.format("unknown chip (id 0x%02x)", id);
            }
            if (address == 0x44 || address == 0x45) {
                i2c.write(new byte[] {(byte) 0xF3, 0x2D}, 0, 2);
                byte[] status = new byte[3];
                return i2c.read(status, 0, 3) == 3 && Crc8.sensirion(status, 0, 2) == (status[2] & 0xFF)
                        ? "SHT31" : "unknown chip (no valid SHT3x status)";
            }
            if (address >= 0x48 && address <= 0x4B) {
                i2c.readRegisterWord(Ads1115.REG_CONFIG);
                return "ADS1115";
            }
            if (address >= 0x18 && address <= 0x1B) {
                return "DS2482 (1-Wire master)";
            }
        } catch (Pi4JException e) {
            return "unknown chip";
        }
        return "unknown chip";
    }

    private static Optional<String> chipOf(SensorConfig sensor) {
        if (sensor.wiring() instanceof SensorConfig.I2cChip chip) {
            return Optional.of(chip.chip() == SensorConfig.I2cChip.Chip.SHT31 ? "SHT31" : "BME280");
        }
        if (sensor.wiring() instanceof SensorConfig.OnAdc) {
            return Optional.of("ADS1115");
        }
        return Optional.empty();
    }

    private static int busOf(SensorConfig.Wiring wiring) {
        if (wiring instanceof SensorConfig.I2cChip chip) {
            return chip.bus();
        }
        return ((SensorConfig.OnAdc) wiring).adc().bus();
    }

    private static int addressOf(SensorConfig.Wiring wiring) {
        if (wiring instanceof SensorConfig.I2cChip chip) {
            return chip.address();
        }
        return ((SensorConfig.OnAdc) wiring).adc().address();
    }
}
