package io.ductwatch.gateway.app;

import io.ductwatch.config.SensorConfig;
import io.ductwatch.config.SiteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What the board must offer before Pi4J is started on it, each missing piece named with the place in the
 * install guide that enables it: the I2C buses the site's chips are on, the 1-Wire folder, a GPIO chip the
 * user may open, the watchdog device. On a board without them, the installer reads these lines instead of
 * Pi4J's own failures. Called by {@code run} and {@code scan} on the main thread; reads only file metadata.
 */
final class BoardCheck {

    static final String GUIDE = "docs/install.md";

    private final Path root;

    /** @param root the file system's root: {@code /} on a board, a folder in tests */
    BoardCheck(Path root) {
        this.root = root;
    }

    /** Each missing piece, as a line for the installer; empty when the board has all the site needs. */
    List<String> problems(SiteConfig site) {
        List<String> problems = new ArrayList<>();
        for (int bus : i2cBuses(site)) {
            Path device = root.resolve("dev/i2c-" + bus);
            if (!Files.exists(device)) {
                problems.add("I2C bus " + bus + " is not enabled (" + shown(device) + " is missing): see " + GUIDE
                        + " section 2 (the package's examples/config.txt, or raspi-config > Interface Options > I2C)");
            } else if (!Files.isReadable(device) || !Files.isWritable(device)) {
                problems.add("cannot open " + shown(device) + ": run as the service user (sudo -u ductwatch ...) or"
                        + " one in the i2c group, see " + GUIDE + " section 3");
            }
        }
        boolean oneWire = site.sensors().stream().anyMatch(s -> s.wiring() instanceof SensorConfig.OneWire);
        Path w1 = resolve(site.gateway().oneWireDevicesPath());
        if (oneWire && !Files.isDirectory(w1)) {
            problems.add("1-Wire is not enabled (" + shown(w1) + " is missing): see " + GUIDE
                    + " section 2 (dtoverlay=w1-gpio,gpiopin=" + site.gateway().oneWirePin() + ")");
        }
        boolean gpio = !site.outputs().isEmpty()
                || site.sensors().stream().anyMatch(s -> s.wiring() instanceof SensorConfig.Gpio);
        Path chip = root.resolve("dev/gpiochip0");
        if (gpio && !Files.exists(chip)) {
            problems.add("no GPIO chip (" + shown(chip) + " is missing): this is not a Raspberry Pi, or its kernel"
                    + " lacks the GPIO character device; see " + GUIDE + " section 1");
        } else if (gpio && (!Files.isReadable(chip) || !Files.isWritable(chip))) {
            problems.add("cannot open " + shown(chip) + ": run as the service user (sudo -u ductwatch ...) or one"
                    + " in the gpio group, see " + GUIDE + " section 3");
        }
        Path watchdog = resolve(site.watchdog().device());
        if (site.watchdog().enabled() && !Files.exists(watchdog)) {
            problems.add("the watchdog is not enabled (" + shown(watchdog) + " is missing): see " + GUIDE
                    + " section 2 (dtparam=watchdog=on), or set watchdog.enabled: false");
        }
        return problems;
    }

    private static TreeSet<Integer> i2cBuses(SiteConfig site) {
        TreeSet<Integer> buses = new TreeSet<>();
        for (SensorConfig s : site.sensors()) {
            if (s.wiring() instanceof SensorConfig.I2cChip chip) {
                buses.add(chip.bus());
            } else if (s.wiring() instanceof SensorConfig.OnAdc adc) {
                buses.add(adc.adc().bus());
            }
        }
        return buses;
    }

    private Path resolve(Path absolute) {
        return absolute.isAbsolute() ? root.resolve(absolute.toString().substring(1)) : root.resolve(absolute);
    }

    /** The path as the installer knows it, without a test's root. */
    private String shown(Path path) {
        return "/" + root.relativize(path);
    }
}
