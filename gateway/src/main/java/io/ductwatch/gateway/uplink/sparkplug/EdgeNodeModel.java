package io.ductwatch.gateway.uplink.sparkplug;

import io.ductwatch.config.SensorConfig;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.gateway.core.ActiveAlarm;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.payload.GatewayStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.tahu.SparkplugInvalidTypeException;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.PropertyDataType;
import org.eclipse.tahu.message.model.PropertySet;
import org.eclipse.tahu.message.model.PropertyValue;
import org.eclipse.tahu.message.model.SparkplugBPayload;

/**
 * What the edge node says, as Sparkplug payloads: the node's own metrics (docs/operators.md, "Sparkplug B")
 * and one device per zone, whose metrics are its sensors' values with their quality and the zone's alarm
 * state. It keeps the current value of every metric from the readings, the active alarms and the
 * gateway's status it is given, and makes births, data messages of what changed, historical data and
 * deaths from them. The seq of each message is the session's ({@link SparkplugNode}). Used on the node's
 * thread only.
 */
final class EdgeNodeModel {

    /** A payload for a topic; {@code sequenced} unless it is an NDEATH. */
    record Outgoing(String topic, SparkplugBPayload payload, boolean sequenced) {
    }

    static final String BD_SEQ = "bdSeq";
    static final String REBIRTH = "Node Control/Rebirth";
    static final String ACKNOWLEDGE = "Commands/Acknowledge";
    static final String RESET = "Commands/Reset";
    /** The alarm types shown as a zone's booleans {@code Alarm/TYPE}. */
    static final List<AlarmType> ZONE_ALARMS = List.of(AlarmType.FIRE, AlarmType.PRE_ALARM, AlarmType.HEAT,
            AlarmType.SMOKE, AlarmType.CO, AlarmType.WATER, AlarmType.SUPERVISORY, AlarmType.TROUBLE);

    private final SparkplugTopics topics;
    private final MetricTable.Aliases aliases = new MetricTable.Aliases();
    private final MetricTable node = new MetricTable(aliases);
    private final Map<String, MetricTable> zones = new LinkedHashMap<>();
    private final Map<String, String> zoneOfSensor = new HashMap<>();
    private boolean grown;

    EdgeNodeModel(SiteConfig site, SparkplugTopics topics) {
        this.topics = topics;
        node.declare(BD_SEQ, MetricDataType.Int64, null, 0L);
        node.declare(REBIRTH, MetricDataType.Boolean, null, false);
        node.declare("Gateway/Version", MetricDataType.String, null, "");
        node.declare("Gateway/Boot Id", MetricDataType.String, null, "");
        node.declare("Gateway/Started At", MetricDataType.DateTime, null, null);
        node.declare("Gateway/Uplink", MetricDataType.String, null, "");
        node.declare("Gateway/Buffer Pending", MetricDataType.Int64, null, 0L);
        node.declare("Gateway/Buffer Oldest", MetricDataType.DateTime, null, null);
        node.declare("Gateway/Last Seq", MetricDataType.Int64, null, 0L);
        node.declare("Gateway/Sensors OK", MetricDataType.Int32, null, 0);
        node.declare("Gateway/Sensors Faulty", MetricDataType.Int32, null, 0);
        node.declare("Gateway/Time Synced", MetricDataType.Boolean, null, false);
        node.declare("Gateway/Trouble", MetricDataType.Boolean, null, false);
        node.declare("Gateway/History Dropped", MetricDataType.Int64, null, 0L);
        for (SiteConfig.Zone zone : site.zones()) {
            MetricTable device = new MetricTable(aliases);
            for (AlarmType type : ZONE_ALARMS) {
                device.declare("Alarm/" + type, MetricDataType.Boolean, null, false);
            }
            device.declare("Alarm/Unacknowledged", MetricDataType.Boolean, null, false);
            device.declare("Alarm/Test", MetricDataType.Boolean, null, false);
            device.declare("Alarm/Count", MetricDataType.Int32, null, 0);
            device.declare("Fire/Alarm Id", MetricDataType.String, null, "");
            device.declare("Fire/Position M", MetricDataType.Double, null, null);
            device.declare("Fire/Extent From M", MetricDataType.Double, null, null);
            device.declare("Fire/Extent To M", MetricDataType.Double, null, null);
            device.declare("Fire/Spread", MetricDataType.String, null, "");
            device.declare(ACKNOWLEDGE, MetricDataType.Boolean, null, false);
            device.declare(RESET, MetricDataType.Boolean, null, false);
            zones.put(zone.id(), device);
        }
        for (SensorConfig sensor : site.sensors()) {
            zoneOfSensor.put(sensor.id(), sensor.zone());
            quantities(sensor).forEach(q -> declareSensor(zones.get(sensor.zone()), sensor.id(), q));
        }
        grown = false;
    }

    /** The names of a sensor's metrics: {@code Sensors/t07/Temperature} and {@code Sensors/t07/Quality}. */
    static String valueMetric(String sensorId, Quantity quantity) {
        String word = quantity.name().charAt(0) + quantity.name().substring(1).toLowerCase(Locale.ROOT).replace('_', ' ');
        return "Sensors/" + sensorId + "/" + (quantity == Quantity.CONTACT ? "Active" : word);
    }

    static String qualityMetric(String sensorId) {
        return "Sensors/" + sensorId + "/Quality";
    }

    /** What a sensor reports: a climate chip its temperature, humidity and (a BME280) pressure. */
    private static List<Quantity> quantities(SensorConfig sensor) {
        if (sensor.kind() != SensorConfig.Kind.CLIMATE) {
            return List.of(Quantity.of(sensor.kind()));
        }
        boolean pressure = sensor.wiring() instanceof SensorConfig.I2cChip chip
                && chip.chip() == SensorConfig.I2cChip.Chip.BME280;
        return pressure ? List.of(Quantity.TEMPERATURE, Quantity.HUMIDITY, Quantity.PRESSURE)
                : List.of(Quantity.TEMPERATURE, Quantity.HUMIDITY);
    }

    /** Takes a sampling cycle's readings as the current values. */
    void readings(List<Reading> readings) {
        for (Reading reading : readings) {
            MetricTable device = device(reading.sensorId());
            if (device != null) {
                declareSensor(device, reading.sensorId(), reading.quantity());
                device.set(valueMetric(reading.sensorId(), reading.quantity()), value(reading));
                device.set(qualityMetric(reading.sensorId()), reading.quality().name());
            }
        }
    }

    /** Takes the active alarms as each zone's alarm state. */
    void alarms(List<ActiveAlarm> active) {
        zones.forEach((zone, device) -> {
            List<ActiveAlarm> mine = active.stream().filter(a -> a.zone().equals(zone)).toList();
            for (AlarmType type : ZONE_ALARMS) {
                device.set("Alarm/" + type, mine.stream().anyMatch(a -> a.type() == type));
            }
            device.set("Alarm/Unacknowledged", mine.stream().anyMatch(a -> !a.acknowledged()));
            device.set("Alarm/Test", mine.stream().anyMatch(ActiveAlarm::test));
            device.set("Alarm/Count", mine.size());
            Optional<ActiveAlarm> fire = mine.stream().filter(a -> a.type() == AlarmType.FIRE)
                    .max(Comparator.comparing(ActiveAlarm::raisedAt));
            device.set("Fire/Alarm Id", fire.map(ActiveAlarm::alarmId).orElse(""));
            device.set("Fire/Position M", fire.map(a -> finite(a.positionM())).orElse(null));
            device.set("Fire/Extent From M", fire.map(ActiveAlarm::extent).map(e -> finite(e.fromM())).orElse(null));
            device.set("Fire/Extent To M", fire.map(ActiveAlarm::extent).map(e -> finite(e.toM())).orElse(null));
            device.set("Fire/Spread", fire.map(ActiveAlarm::extent).map(e -> e.spread().word()).orElse(""));
        });
        node.set("Gateway/Trouble", active.stream().anyMatch(a -> a.type() == AlarmType.TROUBLE && a.zone().isEmpty()));
    }

    /** Takes the gateway's status, and how many readings the history dropped, as the node's metrics. */
    void status(GatewayStatus status, String bootId, long historyDropped) {
        node.set("Gateway/Version", status.version());
        node.set("Gateway/Boot Id", bootId);
        node.set("Gateway/Started At", Date.from(status.startedAt()));
        node.set("Gateway/Uplink", status.uplink());
        node.set("Gateway/Buffer Pending", status.pending());
        node.set("Gateway/Buffer Oldest", status.oldestPending() == null ? null : Date.from(status.oldestPending()));
        node.set("Gateway/Last Seq", status.lastSeq());
        node.set("Gateway/Sensors OK", status.sensorsOk());
        node.set("Gateway/Sensors Faulty", status.sensorsFaulty());
        node.set("Gateway/Time Synced", status.timeSynced());
        node.set("Gateway/History Dropped", historyDropped);
    }

    /**
     * Whether a metric was declared since the last birth (a sensor reporting a quantity the site file did
     * not imply): a host learns it only from a new birth.
     */
    boolean grown() {
        return grown;
    }

    /** NBIRTH with this session's bdSeq, then a DBIRTH for each zone. */
    List<Outgoing> births(long bdSeq, Instant at) {
        grown = false;
        node.set(BD_SEQ, bdSeq);
        Date when = Date.from(at);
        List<Outgoing> out = new ArrayList<>();
        out.add(new Outgoing(topics.nbirth(), payload(node.birth(when), when), true));
        zones.forEach((zone, device) -> out.add(new Outgoing(topics.device("DBIRTH", zone),
                payload(device.birth(when), when), true)));
        return out;
    }

    /** NDATA and DDATA with what changed since it was last sent; empty when nothing did. */
    List<Outgoing> changes(Instant at) {
        Date when = Date.from(at);
        List<Outgoing> out = new ArrayList<>();
        List<Metric> nodeChanges = node.changes(when);
        if (!nodeChanges.isEmpty()) {
            out.add(new Outgoing(topics.ndata(), payload(nodeChanges, when), true));
        }
        zones.forEach((zone, device) -> {
            List<Metric> changes = device.changes(when);
            if (!changes.isEmpty()) {
                out.add(new Outgoing(topics.device("DDATA", zone), payload(changes, when), true));
            }
        });
        return out;
    }

    /** One DDATA per zone with the readings of one past cycle as historical metrics. */
    List<Outgoing> historical(List<Reading> cycle) {
        Map<String, List<Metric>> byZone = new LinkedHashMap<>();
        Instant at = cycle.isEmpty() ? Instant.EPOCH : cycle.get(0).at();
        for (Reading reading : cycle) {
            MetricTable device = device(reading.sensorId());
            String name = valueMetric(reading.sensorId(), reading.quantity());
            if (device != null && device.has(name)) {
                Date when = Date.from(reading.at());
                List<Metric> metrics = byZone.computeIfAbsent(zoneOfSensor.get(reading.sensorId()), z -> new ArrayList<>());
                metrics.add(device.historical(name, value(reading), when));
                metrics.add(device.historical(qualityMetric(reading.sensorId()), reading.quality().name(), when));
            }
        }
        List<Outgoing> out = new ArrayList<>();
        byZone.forEach((zone, metrics) -> out.add(new Outgoing(topics.device("DDATA", zone),
                payload(metrics, Date.from(at)), true)));
        return out;
    }

    /** A DDEATH for each zone: the node is stopping in order. */
    List<Outgoing> deviceDeaths(Instant at) {
        Date when = Date.from(at);
        return zones.keySet().stream().map(zone -> new Outgoing(topics.device("DDEATH", zone),
                payload(List.of(), when), true)).toList();
    }

    /** The NDEATH of the session with this bdSeq: its will, and what an orderly stop publishes. */
    Outgoing death(long bdSeq, Instant at) {
        try {
            Metric metric = new Metric(BD_SEQ, null, Date.from(at), MetricDataType.Int64, null, null, null, null, bdSeq);
            return new Outgoing(topics.ndeath(), payload(List.of(metric), Date.from(at)), false);
        } catch (SparkplugInvalidTypeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The node's metrics, or a zone's: commands are resolved against them. */
    Optional<MetricTable> table(Optional<String> device) {
        return device.isEmpty() ? Optional.of(node) : Optional.ofNullable(zones.get(device.get()));
    }

    private MetricTable device(String sensorId) {
        String zone = zoneOfSensor.get(sensorId);
        return zone == null ? null : zones.get(zone);
    }

    private void declareSensor(MetricTable device, String sensorId, Quantity quantity) {
        String value = valueMetric(sensorId, quantity);
        if (device.has(value)) {
            return;
        }
        PropertySet unit = null;
        if (!quantity.unit().isEmpty()) {
            try {
                unit = new PropertySet.PropertySetBuilder()
                        .addProperty("engUnit", new PropertyValue(PropertyDataType.String, quantity.unit())).createPropertySet();
            } catch (SparkplugInvalidTypeException e) {
                throw new IllegalStateException(e);
            }
        }
        MetricDataType type = quantity == Quantity.CONTACT ? MetricDataType.Boolean : MetricDataType.Double;
        grown |= device.declare(value, type, unit, null);
        grown |= device.declare(qualityMetric(sensorId), MetricDataType.String, null, "");
    }

    private static Object value(Reading reading) {
        if (!reading.isOk() || !Double.isFinite(reading.value())) {
            return null;
        }
        return reading.quantity() == Quantity.CONTACT ? Boolean.valueOf(reading.isActive()) : reading.value();
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static SparkplugBPayload payload(List<Metric> metrics, Date at) {
        return new SparkplugBPayload(at, new ArrayList<>(metrics));
    }
}
