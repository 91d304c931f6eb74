package io.ductwatch.simulator.scenario;

import io.ductwatch.config.FileProblemException;
import io.ductwatch.config.InvalidConfigException;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.yaml.Located;
import io.ductwatch.config.yaml.Located.Mapping;
import io.ductwatch.config.yaml.ProblemSink;
import io.ductwatch.config.yaml.YamlChecker;
import io.ductwatch.simulator.physics.Growth;
import io.ductwatch.simulator.physics.Recording;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and validates a scenario file against a site: every problem at once, each with file, line,
 * column and path, as for site files. Beyond types and bounds: each event is exactly one kind, a fire
 * has exactly one of growth and alphaKwS2, positions lie in the duct, sensors exist in the site and fit
 * the event (a contact event needs a contact sensor), events lie within the scenario's duration.
 */
public final class ScenarioLoader {

    private static final List<String> KINDS = List.of("fire", "smoulder", "flood", "heat", "contact", "sensorFault",
            "uplink", "powerCut", "recorded", "modem", "sms");

    private ScenarioLoader() {
    }

    /** A scenario whose relative file names (recordings) resolve against the working folder. */
    public static Scenario parse(String text, String label, SiteConfig site) throws InvalidConfigException {
        return parse(text, label, Path.of("."), site);
    }

    /**
     * @param baseDir the scenario file's folder: relative file names resolve against it
     */
    public static Scenario parse(String text, String label, Path baseDir, SiteConfig site)
            throws InvalidConfigException {
        ProblemSink sink = new ProblemSink(label);
        Optional<Mapping> root = YamlChecker.check(text, label, Path.of("."), ScenarioSchema.SCENARIO, sink);
        if (root.isEmpty()) {
            throw new InvalidConfigException(sink.problems());
        }
        Mapping r = root.get();
        double duration = r.number("durationS").orElse(Double.MAX_VALUE);
        SiteConfig.Duct duct = site.duct();
        List<Scenario.Event> events = new ArrayList<>();
        for (Mapping e : r.sequence("events").map(Located.Sequence::mappings).orElse(List.of())) {
            List<String> kinds = KINDS.stream().filter(e::isWritten).toList();
            if (kinds.size() != 1) {
                sink.add(e.at(), e.path(), kinds.isEmpty() ? "an event needs one of " + String.join(", ", KINDS)
                        : "an event has exactly one kind, not " + String.join(" and ", kinds));
                continue;
            }
            double at = e.number("atS").orElse(0.0);
            if (at > duration) {
                sink.add(e.at("atS"), e.pathOf("atS"), at + " s is after the scenario's end (durationS " + duration + ")");
            }
            Optional<Mapping> body = e.mapping(kinds.get(0));
            if (body.isEmpty()) {
                continue;
            }
            event(kinds.get(0), at, body.get(), site, duct, baseDir, sink).ifPresent(events::add);
        }
        if (!sink.isEmpty()) {
            throw new InvalidConfigException(sink.problems());
        }
        Mapping ambient = r.requireMapping("ambient");
        return new Scenario(r.requireText("name"), duration,
                new Scenario.Ambient(ambient.requireNumber("temperatureC"), ambient.requireNumber("humidityPct"),
                        ambient.requireNumber("swingK"), ambient.requireNumber("swingPeriodS")),
                events.stream().sorted(java.util.Comparator.comparingDouble(Scenario.Event::atS)).toList());
    }

    private static Optional<Scenario.Event> event(String kind, double at, Mapping b, SiteConfig site,
                                                  SiteConfig.Duct duct,
                                                  Path baseDir, ProblemSink sink) {
        for (String key : List.of("positionM", "fromM", "toM", "firePositionM")) {
            b.number(key).filter(x -> !duct.contains(x)).ifPresent(x -> sink.add(b.at(key), b.pathOf(key),
                    x + " m is outside the duct (" + duct.startM() + " to " + duct.endM() + " m)"));
        }
        switch (kind) {
            case "fire": {
                boolean growth = b.isWritten("growth");
                boolean alpha = b.isWritten("alphaKwS2");
                if (growth == alpha) {
                    sink.add(b.at(), b.path(), "a fire needs exactly one of growth and alphaKwS2");
                    return Optional.empty();
                }
                double a = growth ? b.text("growth").map(g -> Growth.fromName(g).alphaKwPerS2()).orElse(0.0)
                        : b.number("alphaKwS2").orElse(0.0);
                return b.number("positionM").map(p -> new Scenario.Fire(at, p, a, b.requireNumber("maxKw")));
            }
            case "smoulder":
                return b.number("positionM").map(p -> new Scenario.Smoulder(at, p, b.requireNumber("kw"),
                        b.number("durationS").orElse(0.0)));
            case "flood":
                return b.number("positionM").flatMap(p -> b.number("rateMmPerMin").map(rate ->
                        new Scenario.Flood(at, p, rate)));
            case "heat": {
                Optional<Double> from = b.number("fromM");
                Optional<Double> to = b.number("toM");
                if (from.isPresent() && to.isPresent() && from.get() > to.get()) {
                    sink.add(b.at("toM"), b.pathOf("toM"), "toM lies before fromM");
                    return Optional.empty();
                }
                if (from.isEmpty() || to.isEmpty() || b.number("rateKPerMin").isEmpty() || b.number("durationS").isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new Scenario.Heat(at, from.get(), to.get(), b.requireNumber("rateKPerMin"),
                        b.requireNumber("durationS")));
            }
            case "contact": {
                Optional<String> sensor = sensor(b, site, sink, true);
                return sensor.map(s -> new Scenario.Contact(at, s, b.requireBool("active"), b.number("durationS")));
            }
            case "sensorFault": {
                Optional<String> sensor = sensor(b, site, sink, false);
                return sensor.flatMap(s -> b.text("mode").map(m -> new Scenario.SensorFault(at, s, m,
                        b.number("durationS"))));
            }
            case "uplink":
                return b.text("mode").flatMap(m -> b.number("durationS").map(d -> new Scenario.Uplink(at, m, d)));
            case "powerCut":
                return b.number("durationS").map(d -> new Scenario.PowerCut(at, d));
            case "modem":
            case "sms":
                if (site.fallback().isEmpty()) {
                    sink.add(b.at(), b.path(), "the site has no fallback modem (site file 'fallback:')");
                    return Optional.empty();
                }
                return kind.equals("modem") ? b.text("mode").map(m -> new Scenario.Modem(at, m, b.number("durationS")))
                        : b.text("from").flatMap(f -> b.text("text").map(t -> new Scenario.Sms(at, f, t)));
            case "recorded":
                return recorded(at, b, baseDir, sink);
            default:
                return Optional.empty();
        }
    }

    /** A recorded fire: its file read now, so a bad file is a problem at the line that names it. */
    private static Optional<Scenario.Event> recorded(double at, Mapping b, Path baseDir, ProblemSink sink) {
        Optional<String> name = b.text("file");
        Optional<Double> position = b.number("firePositionM");
        if (name.isEmpty() || position.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Double> stations = new LinkedHashMap<>();
        b.mapping("stations").ifPresent(m -> m.fields().forEach((device, offset) ->
                stations.put(device, ((Number) ((Located.Scalar) offset).value()).doubleValue())));
        Path file = baseDir.resolve(name.get()).normalize();
        try {
            Recording recording = Recording.read(file, stations, b.requireBool("reversed"));
            return Optional.of(new Scenario.Recorded(at, position.get(), b.requireNumber("ignitionS"), recording,
                    name.get()));
        } catch (FileProblemException e) {
            sink.add(b.at("file"), b.pathOf("file"), e.getMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            sink.add(b.at("file"), b.pathOf("file"), "no such file " + file);
        } catch (java.io.IOException e) {
            sink.add(b.at("file"), b.pathOf("file"), "cannot read " + file + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    private static Optional<String> sensor(Mapping b, SiteConfig site, ProblemSink sink, boolean contact) {
        Optional<String> id = b.text("sensor");
        if (id.isEmpty()) {
            return Optional.empty();
        }
        var sensor = site.sensor(id.get());
        if (sensor.isEmpty()) {
            sink.add(b.at("sensor"), b.pathOf("sensor"), "the site has no sensor '" + id.get() + "'");
            return Optional.empty();
        }
        boolean isContact = sensor.get().wiring() instanceof io.ductwatch.config.SensorConfig.Gpio
                || sensor.get().wiring() instanceof io.ductwatch.config.SensorConfig.Supervised;
        if (contact && !isContact) {
            sink.add(b.at("sensor"), b.pathOf("sensor"), id.get() + " is not a contact");
            return Optional.empty();
        }
        if (!contact && sensor.get().wiring() instanceof io.ductwatch.config.SensorConfig.Gpio) {
            sink.add(b.at("sensor"), b.pathOf("sensor"), id.get() + " is a plain GPIO contact: it has no bus to fail");
            return Optional.empty();
        }
        return id;
    }
}
