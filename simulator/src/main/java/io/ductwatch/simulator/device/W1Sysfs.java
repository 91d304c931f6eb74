package io.ductwatch.simulator.device;

import io.ductwatch.gateway.sensor.SysfsTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Linux w1 sysfs folder ({@code /sys/bus/w1/devices}) with one bus master and its DS18B20s, behaving
 * as drivers/w1/slaves/w1_therm.c does: writing {@code trigger} to the master's {@code therm_bulk_read}
 * converts every sensor at once and marks them; a sensor's next {@code w1_slave} read then shows that
 * conversion, while a read without a pending bulk conversion converts that sensor on its own. Counts both
 * kinds of conversion, so tests can tell a bulk cycle from 21 single ones.
 */
public final class W1Sysfs implements SysfsTree {

    public static final String MASTER = "w1_bus_master1";

    private final Map<String, Ds18b20Device> devices = new LinkedHashMap<>();
    private final Map<String, Boolean> bulkPending = new LinkedHashMap<>();
    private int bulkConversions;
    private int singleConversions;

    public synchronized Ds18b20Device add(String romId) {
        Ds18b20Device device = new Ds18b20Device(romId);
        devices.put(romId, device);
        return device;
    }

    public synchronized Optional<Ds18b20Device> device(String romId) {
        return Optional.ofNullable(devices.get(romId));
    }

    /** Bulk conversions triggered so far. */
    public synchronized int bulkConversions() {
        return bulkConversions;
    }

    /** Conversions of a single sensor, started by reading its w1_slave without a bulk conversion. */
    public synchronized int singleConversions() {
        return singleConversions;
    }

    @Override
    public synchronized Optional<String> read(String path) throws IOException {
        if (path.equals(MASTER + "/therm_bulk_read")) {
            boolean unread = bulkPending.values().stream().anyMatch(Boolean::booleanValue);
            return Optional.of(unread ? "1\n" : "0\n");
        }
        String[] parts = path.split("/");
        Ds18b20Device device = devices.get(parts[0]);
        if (device == null || !device.present() || parts.length != 2) {
            return Optional.empty();
        }
        switch (parts[1]) {
            case "w1_slave":
                if (!Boolean.TRUE.equals(bulkPending.put(device.romId(), false))) {
                    singleConversions++;
                    device.convert();
                }
                return Optional.of(device.w1Slave());
            case "resolution":
                return Optional.of(device.resolutionBits() + "\n");
            default:
                return Optional.empty();
        }
    }

    @Override
    public synchronized void write(String path, String text) throws IOException {
        if (path.equals(MASTER + "/therm_bulk_read")) {
            if (!text.equals("trigger\n")) {
                throw new IOException("Invalid argument");
            }
            bulkConversions++;
            for (Ds18b20Device device : devices.values()) {
                if (device.present()) {
                    device.convert();
                    bulkPending.put(device.romId(), true);
                }
            }
            return;
        }
        String[] parts = path.split("/");
        Ds18b20Device device = devices.get(parts[0]);
        if (device == null || !device.present() || parts.length != 2 || !parts[1].equals("resolution")) {
            throw new IOException("No such file or directory: " + path);
        }
        try {
            device.setResolutionBits(Integer.parseInt(text.strip()));
        } catch (IllegalArgumentException e) {
            throw new IOException("Invalid argument: " + text.strip(), e);
        }
    }

    @Override
    public synchronized List<String> list(String folder) {
        List<String> present = new ArrayList<>();
        devices.values().stream().filter(Ds18b20Device::present).forEach(d -> present.add(d.romId()));
        if (folder.isEmpty()) {
            present.add(MASTER);
            return present;
        }
        if (folder.equals(MASTER)) {
            present.add("therm_bulk_read");
            return present;
        }
        return present.contains(folder) ? List.of("resolution", "w1_slave") : List.of();
    }

    @Override
    public String toString() {
        return "simulated w1 bus (" + devices.size() + " DS18B20)";
    }
}
