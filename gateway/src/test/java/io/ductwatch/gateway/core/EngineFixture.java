package io.ductwatch.gateway.core;

import io.ductwatch.config.SensorConfig;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The rule engine on the example site, fed readings on a virtual clock, recording what it decides.
 * Every sensor reads an idle value each cycle unless a test says otherwise.
 */
final class EngineFixture implements AlarmListener {

    static final Path EXAMPLE = Path.of(System.getProperty("basedir", "."))
            .resolve("../firmware-config/sites/example-duct.yaml").normalize();
    static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

    final SiteConfig site;
    final RuleEngine engine;
    final List<AlarmEvent> events = new CopyOnWriteArrayList<>();
    final List<AuditEntry> audits = new ArrayList<>();
    List<ActiveAlarm> active = List.of();
    private final Map<String, Double> values = new HashMap<>();
    private final Map<String, Quality> faults = new HashMap<>();
    private Instant now = T0;
    private int nextId;

    EngineFixture() {
        this(load());
    }

    EngineFixture(SiteConfig site) {
        this.site = site;
        this.engine = new RuleEngine(site, T0, () -> "a" + (++nextId), List.of(this));
        for (SensorConfig sensor : site.sensors()) {
            values.put(sensor.id(), idle(sensor.kind()));
        }
    }

    static SiteConfig load() {
        try {
            return SiteLoader.load(EXAMPLE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static double idle(SensorConfig.Kind kind) {
        return switch (kind) {
            case HEAT, CLIMATE -> 20.0;
            default -> 0.0;
        };
    }

    Instant now() {
        return now;
    }

    /** Sets what a sensor reads from now on. */
    EngineFixture set(String sensorId, double value) {
        values.put(sensorId, value);
        faults.remove(sensorId);
        return this;
    }

    /** Makes a sensor read a fault from now on. */
    EngineFixture fail(String sensorId, Quality quality) {
        faults.put(sensorId, quality);
        return this;
    }

    /** One sampling cycle of every sensor at the current time, then a tick. */
    void cycle() {
        List<Reading> readings = new ArrayList<>();
        for (SensorConfig sensor : site.sensors()) {
            readings.add(reading(sensor));
        }
        engine.onReadings(readings);
        engine.tick(now);
    }

    /** Cycles every {@code step} for {@code duration}. */
    void run(Duration duration, Duration step) {
        Instant end = now.plus(duration);
        while (now.isBefore(end)) {
            now = now.plus(step);
            cycle();
        }
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** A contact edge, delivered at once as the GPIO listener would. */
    void edge(String sensorId, boolean active) {
        values.put(sensorId, active ? 1.0 : 0.0);
        engine.onReading(Reading.ok(sensorId, Quantity.CONTACT, active ? 1 : 0, now));
    }

    Reading reading(SensorConfig sensor) {
        Quantity quantity = switch (sensor.kind()) {
            case HEAT, CLIMATE -> Quantity.TEMPERATURE;
            case SMOKE -> Quantity.OBSCURATION;
            case CO -> Quantity.CO;
            case WATER_LEVEL -> Quantity.WATER_LEVEL;
            default -> Quantity.CONTACT;
        };
        Quality fault = faults.get(sensor.id());
        if (fault != null) {
            return Reading.fault(sensor.id(), quantity, fault, now, "injected " + fault);
        }
        return Reading.ok(sensor.id(), quantity, values.get(sensor.id()), now);
    }

    List<AlarmEvent> events(AlarmType type, AlarmEventKind kind) {
        return events.stream().filter(e -> e.type() == type && e.event() == kind).toList();
    }

    List<ActiveAlarm> active(AlarmType type) {
        return engine.activeAlarms().stream().filter(a -> a.type() == type).toList();
    }

    @Override
    public void onEvent(AlarmEvent event) {
        events.add(event);
    }

    @Override
    public void onActiveChanged(List<ActiveAlarm> snapshot) {
        active = snapshot;
    }

    @Override
    public void onAudit(AuditEntry entry) {
        audits.add(entry);
    }
}
