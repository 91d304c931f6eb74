package io.ductwatch.bench.harness;

import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A bench site with a given number of sensors: a DS18B20 heat chain one probe every 10 m, four smoke loops
 * on an ADS1115, and the manual call point whose edge the latency figures start from. Written as a site
 * file and loaded through the checker, like any installer's.
 */
final class BenchSite {

    private BenchSite() {
    }

    static SiteConfig write(Path dir, int sensors, Path store) throws IOException {
        return write(dir, sensors, store, 4096);
    }

    /** The same with the store capped at {@code maxMb}. */
    static SiteConfig write(Path dir, int sensors, Path store, long maxMb) throws IOException {
        return write(dir, sensors, store, maxMb, false);
    }

    /** The same with a Sparkplug B edge node (group bench, node gw01) or without. */
    static SiteConfig write(Path dir, int sensors, Path store, long maxMb, boolean sparkplug) throws IOException {
        int heat = sensors - 5;
        double length = Math.max(20, heat * 10.0);
        StringBuilder yaml = new StringBuilder();
        yaml.append("site: { id: bench, name: Bench duct with ").append(sensors).append(" sensors }\n");
        yaml.append("gateway: { id: gw01, oneWire: { pin: 4 } }\n");
        yaml.append(String.format(Locale.ROOT, "duct: { lengthM: %.0f, heightM: 2.5, widthM: 2.0, airflowMs: 0.5 }%n", length));
        yaml.append(String.format(Locale.ROOT, "zones:%n  - { id: Z1, name: first half, fromM: 0, toM: %.0f }%n"
                + "  - { id: Z2, name: second half, fromM: %.0f, toM: %.0f }%n", length / 2, length / 2, length));
        yaml.append("sensors:\n");
        for (int i = 0; i < heat; i++) {
            double at = i * 10.0;
            yaml.append(String.format(Locale.ROOT,
                    "  - { id: t%03d, kind: heat, driver: ds18b20, romId: 28-%012x, positionM: %.0f, zone: %s }%n",
                    i, 0x0119_3a0c_0000L + i, at, at <= length / 2 ? "Z1" : "Z2"));
        }
        for (int c = 0; c < 4; c++) {
            double at = length * (c + 0.5) / 4;
            yaml.append(String.format(Locale.ROOT, "  - { id: s%d, kind: smoke, driver: ads1115-loop, address: 0x48,"
                    + " channel: %d, at4mA: 0, at20mA: 25, positionM: %.0f, zone: %s }%n", c, c, at,
                    at <= length / 2 ? "Z1" : "Z2"));
        }
        yaml.append("  - { id: mcp0, kind: callPoint, driver: gpio, pin: 27, positionM: 0, zone: Z1 }\n");
        yaml.append("outputs:\n  - { id: panel, pin: 23, on: [FIRE] }\n");
        yaml.append("uplink: { brokers: [\"tcp://127.0.0.1:1883\"], replayPerS: 100000 }\n");
        yaml.append("store: { path: ").append(store.toAbsolutePath()).append(", maxMb: ").append(maxMb).append(" }\n");
        yaml.append("coap: { port: 0, securePort: 0 }\n");
        if (sparkplug) {
            yaml.append("sparkplug: { groupId: bench, edgeNodeId: gw01 }\n");
        }
        Path file = dir.resolve("bench-" + sensors + ".yaml");
        Files.writeString(file, yaml);
        try {
            return SiteLoader.load(file);
        } catch (io.ductwatch.config.InvalidConfigException e) {
            throw new IllegalStateException("the bench site does not check out: " + e.problems(), e);
        }
    }
}
