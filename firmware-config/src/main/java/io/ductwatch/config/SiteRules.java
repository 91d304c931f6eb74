package io.ductwatch.config;

import io.ductwatch.config.yaml.Located;
import io.ductwatch.config.yaml.Located.Mapping;
import io.ductwatch.config.yaml.Position;
import io.ductwatch.config.yaml.ProblemSink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks that span more than one key: unique ids, positions inside the duct and their zone, bus
 * addresses and pins used once, which driver fits which kind, thresholds with hysteresis, TLS that
 * matches the broker URLs. They run on the tree the type check left, so a value that failed its own
 * check is simply absent here.
 */
final class SiteRules {

    /** Which drivers each sensor kind may use. */
    static final Map<String, List<String>> DRIVERS_BY_KIND = Map.of(
            "heat", List.of("ds18b20", "sht31", "bme280"),
            "climate", List.of("sht31", "bme280"),
            "smoke", List.of("ads1115-loop", "ads1115-supervised", "gpio"),
            "co", List.of("ads1115-loop"),
            "waterLevel", List.of("ads1115-loop"),
            "waterSwitch", List.of("ads1115-supervised", "gpio"),
            "door", List.of("gpio", "ads1115-supervised"),
            "callPoint", List.of("gpio", "ads1115-supervised"),
            "mains", List.of("gpio"),
            "battery", List.of("gpio"));

    /** Addresses each chip can be strapped to (datasheets: SHT3x 3.6, BME280 6.2, ADS1115 9.5.1). */
    private static final Map<String, List<Integer>> CHIP_ADDRESSES = Map.of(
            "sht31", List.of(0x44, 0x45),
            "bme280", List.of(0x76, 0x77),
            "ads1115-loop", List.of(0x48, 0x49, 0x4A, 0x4B),
            "ads1115-supervised", List.of(0x48, 0x49, 0x4A, 0x4B));

    private final ProblemSink sink;

    private SiteRules(ProblemSink sink) {
        this.sink = sink;
    }

    static void check(Mapping root, ProblemSink sink) {
        new SiteRules(sink).all(root);
    }

    private void all(Mapping root) {
        Optional<Span> length = root.mapping("duct").flatMap(d -> d.number("lengthM")
                .map(l -> new Span(d.number("startM").orElse(0.0), l)));
        List<Mapping> zones = root.sequence("zones").map(Located.Sequence::mappings).orElse(List.of());
        List<Mapping> sensors = root.sequence("sensors").map(Located.Sequence::mappings).orElse(List.of());
        List<Mapping> outputs = root.sequence("outputs").map(Located.Sequence::mappings).orElse(List.of());

        Map<String, FirstUse> ids = new HashMap<>();
        uniqueIds(zones, "zone", ids);
        uniqueIds(sensors, "sensor", ids);
        uniqueIds(outputs, "output", ids);
        zones(zones, length);
        sensors(sensors, zones, length);
        BusRules.check(root, sensors, outputs, sink);
        outputs(outputs, zones);
        root.mapping("rules").ifPresent(this::rules);
        LinkRules.check(root, sink);
    }

    /** Where an id was first used, and for what. */
    private record FirstUse(Mapping item, String what) {
    }

    /**
     * Ids unique across zones, sensors and outputs: a command's target or an alarm's sensor list names
     * them without saying which kind they are, so a sensor called {@code Z1} would be hit by disabling zone Z1.
     */
    private void uniqueIds(List<Mapping> items, String what, Map<String, FirstUse> seen) {
        for (Mapping item : items) {
            item.text("id").ifPresent(id -> {
                FirstUse first = seen.putIfAbsent(id, new FirstUse(item, what));
                if (first != null && first.what().equals(what)) {
                    error(item, "id", "duplicate " + what + " id '" + id + "' (first at line "
                            + first.item().at("id").line() + ")");
                } else if (first != null) {
                    error(item, "id", what + " id '" + id + "' is already the id of a " + first.what() + " (line "
                            + first.item().at("id").line() + "); zones, sensors and outputs share one set of ids");
                }
            });
        }
    }

    /** The duct's chainages: {@code start} to {@code start + length}. */
    private record Span(double start, double length) {

        double end() {
            return start + length;
        }

        /** How the messages name the duct's end: its length alone for a section starting at 0. */
        String endText() {
            return start == 0 ? "duct.lengthM " + fmt(length) : "it ends at " + fmt(end()) + " m: duct.startM "
                    + fmt(start) + " + duct.lengthM " + fmt(length);
        }
    }

    private void zones(List<Mapping> zones, Optional<Span> length) {
        List<Mapping> ordered = new ArrayList<>();
        for (Mapping zone : zones) {
            Optional<Double> from = zone.number("fromM");
            Optional<Double> to = zone.number("toM");
            if (from.isPresent() && to.isPresent() && from.get() >= to.get()) {
                error(zone, "toM", fmt(to.get()) + " m is not after fromM " + fmt(from.get()) + " m");
                continue;
            }
            if (length.isPresent() && to.isPresent() && to.get() > length.get().end()) {
                error(zone, "toM", fmt(to.get()) + " m is beyond the duct (" + length.get().endText() + ")");
            }
            if (length.isPresent() && from.isPresent() && from.get() < length.get().start()) {
                error(zone, "fromM", fmt(from.get()) + " m is before the duct (duct.startM "
                        + fmt(length.get().start()) + ")");
            }
            if (from.isPresent() && to.isPresent()) {
                ordered.add(zone);
            }
        }
        ordered.sort(Comparator.comparingDouble(z -> z.requireNumber("fromM")));
        for (int i = 1; i < ordered.size(); i++) {
            Mapping previous = ordered.get(i - 1);
            Mapping zone = ordered.get(i);
            if (zone.requireNumber("fromM") < previous.requireNumber("toM")) {
                error(zone, "fromM", "zone overlaps zone '" + previous.text("id").orElse("?") + "' ("
                        + fmt(previous.requireNumber("fromM")) + "-" + fmt(previous.requireNumber("toM"))
                        + " m); zones may share only a boundary");
            }
        }
    }

    private void sensors(List<Mapping> sensors, List<Mapping> zones, Optional<Span> length) {
        Map<String, Mapping> zoneById = new HashMap<>();
        zones.forEach(z -> z.text("id").ifPresent(id -> zoneById.putIfAbsent(id, z)));
        Map<String, Mapping> romIds = new HashMap<>();
        for (Mapping sensor : sensors) {
            Optional<String> kind = sensor.text("kind");
            Optional<String> driver = sensor.text("driver");
            Optional<Double> position = sensor.number("positionM");
            if (kind.isPresent() && driver.isPresent() && !DRIVERS_BY_KIND.get(kind.get()).contains(driver.get())) {
                error(sensor, "driver", "a " + kind.get() + " sensor cannot use driver " + driver.get()
                        + " (allowed: " + String.join(", ", DRIVERS_BY_KIND.get(kind.get())) + ")");
            }
            if (sensor.has("preset") && kind.isPresent() && !kind.get().equals("heat")) {
                error(sensor, "preset", "only heat sensors take a preset (this one is " + kind.get() + ")");
            }
            boolean inDuct = position.isEmpty() || length.isEmpty()
                    || position.get() >= length.get().start() && position.get() <= length.get().end();
            if (!inDuct) {
                error(sensor, "positionM", fmt(position.get()) + " m is outside the duct (" + fmt(length.get().start())
                        + " to " + fmt(length.get().end()) + " m)");
            }
            sensor.text("zone").ifPresent(zoneId -> {
                Mapping zone = zoneById.get(zoneId);
                if (zone == null) {
                    error(sensor, "zone", "zone '" + zoneId + "' is not defined (zones: "
                            + String.join(", ", zoneById.keySet().stream().sorted().toList()) + ")");
                } else if (inDuct && position.isPresent() && zone.number("fromM").isPresent() && zone.number("toM").isPresent()
                        && (position.get() < zone.requireNumber("fromM") || position.get() > zone.requireNumber("toM"))) {
                    error(sensor, "positionM", fmt(position.get()) + " m is outside its zone " + zoneId + " ("
                            + fmt(zone.requireNumber("fromM")) + "-" + fmt(zone.requireNumber("toM")) + " m)");
                }
            });
            sensor.text("romId").ifPresent(rom -> {
                Mapping first = romIds.putIfAbsent(rom, sensor);
                if (first != null) {
                    error(sensor, "romId", "ROM id " + rom + " is already sensor '"
                            + first.text("id").orElse("?") + "' (line " + first.at("romId").line() + ")");
                }
            });
            driver.ifPresent(d -> chipAddress(sensor, d));
            if ("ads1115-loop".equals(driver.orElse(""))) {
                loop(sensor);
            }
            if ("ads1115-supervised".equals(driver.orElse(""))) {
                supervised(sensor);
            }
        }
    }

    private void chipAddress(Mapping sensor, String driver) {
        List<Integer> allowed = CHIP_ADDRESSES.get(driver);
        Optional<Long> address = sensor.integer("address");
        if (allowed != null && address.isPresent() && !allowed.contains(address.get().intValue())) {
            error(sensor, "address", hex(address.get()) + " is not an address of the " + chipName(driver)
                    + " (" + String.join(", ", allowed.stream().map(a -> hex(a)).toList()) + ")");
        }
    }

    private void loop(Mapping sensor) {
        Optional<Double> low = sensor.number("at4mA");
        Optional<Double> high = sensor.number("at20mA");
        if (low.isPresent() && high.isPresent() && low.get().equals(high.get())) {
            error(sensor, "at20mA", "equals at4mA: the loop would read the same value at every current");
        }
        Optional<Double> alarm = sensor.number("alarmAt");
        Optional<Double> clear = sensor.number("clearAt");
        if (sensor.isWritten("alarmAt") != sensor.isWritten("clearAt")) {
            error(sensor, sensor.isWritten("alarmAt") ? "alarmAt" : "clearAt", "alarmAt and clearAt go together");
        } else if (alarm.isPresent() && clear.isPresent() && clear.get() >= alarm.get()) {
            error(sensor, "clearAt", fmt(clear.get()) + " must be below alarmAt " + fmt(alarm.get())
                    + " (hysteresis)");
        }
    }

    /**
     * The four states of a supervised line must give four well separated voltages: open (the supply),
     * normal (EOL), active (EOL parallel to the alarm resistor), short (0 V).
     */
    private void supervised(Mapping sensor) {
        Optional<Double> supply = sensor.number("supplyV");
        Optional<Double> series = sensor.number("seriesOhm");
        Optional<Double> eol = sensor.number("eolOhm");
        Optional<Double> alarm = sensor.number("alarmOhm");
        if (supply.isEmpty() || series.isEmpty() || eol.isEmpty() || alarm.isEmpty()) {
            return;
        }
        double parallel = eol.get() * alarm.get() / (eol.get() + alarm.get());
        double normal = eol.get() / (series.get() + eol.get());
        double active = parallel / (series.get() + parallel);
        if (normal > 0.9 || active < 0.1 || normal - active < 0.1) {
            error(sensor, "alarmOhm", String.format(java.util.Locale.ROOT,
                    "resistors leave the states too close to tell apart: normal %.2f V, active %.2f V of %.2f V "
                            + "(need active >= 10%%, normal <= 90%% and 10%% between them)",
                    normal * supply.get(), active * supply.get(), supply.get()));
        }
        if (supply.get() > 4.096) {
            error(sensor, "supplyV", fmt(supply.get()) + " V is beyond the ADS1115's 4.096 V range used here");
        }
    }

    private void outputs(List<Mapping> outputs, List<Mapping> zones) {
        Set<String> zoneIds = new HashSet<>();
        zones.forEach(z -> z.text("id").ifPresent(zoneIds::add));
        for (Mapping output : outputs) {
            output.sequence("zones").ifPresent(list -> list.items().forEach(item -> {
                Object zone = ((Located.Scalar) item).value();
                if (!zoneIds.contains(zone)) {
                    sink.add(item, "zone '" + zone + "' is not defined");
                }
            }));
            Set<Object> on = new HashSet<>(output.sequence("on").map(Located.Sequence::values).orElse(List.of()));
            output.sequence("inhibitOn").ifPresent(list -> list.items().forEach(item -> {
                if (on.contains(((Located.Scalar) item).value())) {
                    sink.add(item, ((Located.Scalar) item).value() + " is in both 'on' and 'inhibitOn'");
                }
            }));
        }
    }

    private void rules(Mapping rules) {
        rules.mapping("smoke").ifPresent(r -> hysteresis(r, "alarmPctPerM", "clearPctPerM"));
        rules.mapping("co").ifPresent(r -> hysteresis(r, "alarmPpm", "clearPpm"));
        rules.mapping("water").ifPresent(r -> hysteresis(r, "alarmMm", "clearMm"));
    }

    private void hysteresis(Mapping rule, String alarmKey, String clearKey) {
        Optional<Double> alarm = rule.number(alarmKey);
        Optional<Double> clear = rule.number(clearKey);
        if (alarm.isPresent() && clear.isPresent() && clear.get() >= alarm.get()) {
            error(rule, clearKey, fmt(clear.get()) + " must be below " + alarmKey + " " + fmt(alarm.get())
                    + " (hysteresis)");
        }
    }

    private void error(Mapping where, String key, String message) {
        error(sink, where, key, message);
    }

    /** A problem at {@code key} of {@code where}: its line, column and path. */
    static void error(ProblemSink sink, Mapping where, String key, String message) {
        Position at = where.at(key);
        sink.add(at, where.pathOf(key), message);
    }

    static String chipName(String driver) {
        return switch (driver) {
            case "sht31" -> "SHT31";
            case "bme280" -> "BME280";
            case "ads1115-loop", "ads1115-supervised" -> "ADS1115";
            default -> driver;
        };
    }

    static String hex(long value) {
        return String.format("0x%02x", value);
    }

    private static String fmt(double value) {
        return io.ductwatch.config.schema.NumberType.format(value);
    }
}
