package io.ductwatch.gateway.uplink.sparkplug;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.tahu.SparkplugInvalidTypeException;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.PropertySet;

/**
 * The metrics of the edge node or of one of its devices: each declared once with a name, an alias unique
 * across the whole edge node and a datatype that never changes, and its current value. A birth carries
 * every metric with its name, alias, datatype and value; a data message only the metrics whose value
 * changed since they were last sent (report by exception), by alias alone, as Sparkplug B 3.0 requires
 * once aliases are born. Values are {@link Boolean}, {@link Integer}, {@link Long}, {@link Double},
 * {@link String} or {@link Date}; null is sent as {@code is_null}. Used on the node's thread only.
 */
final class MetricTable {

    /** A metric as its birth declared it. */
    record Declared(String name, long alias, MetricDataType type, PropertySet properties) {
    }

    /** Hands out aliases, unique across the edge node. */
    static final class Aliases {
        private long next;

        long next() {
            return next++;
        }
    }

    private final Aliases aliases;
    private final Map<String, Declared> declared = new LinkedHashMap<>();
    private final Map<Long, Declared> byAlias = new HashMap<>();
    private final Map<String, Object> current = new HashMap<>();
    private final Map<String, Object> sent = new HashMap<>();

    MetricTable(Aliases aliases) {
        this.aliases = aliases;
    }

    /**
     * Declares a metric with its datatype and initial value, if it is not declared yet.
     *
     * @return whether it is new (a device already born must be born again for a host to learn it)
     */
    boolean declare(String name, MetricDataType type, PropertySet properties, Object value) {
        if (declared.containsKey(name)) {
            return false;
        }
        Declared metric = new Declared(name, aliases.next(), type, properties);
        declared.put(name, metric);
        byAlias.put(metric.alias(), metric);
        current.put(name, value);
        return true;
    }

    boolean has(String name) {
        return declared.containsKey(name);
    }

    /** Sets a declared metric's current value. */
    void set(String name, Object value) {
        if (!declared.containsKey(name)) {
            throw new IllegalArgumentException("metric '" + name + "' was never declared");
        }
        current.put(name, value);
    }

    Object value(String name) {
        return current.get(name);
    }

    Optional<Declared> byAlias(long alias) {
        return Optional.ofNullable(byAlias.get(alias));
    }

    Optional<Declared> byName(String name) {
        return Optional.ofNullable(declared.get(name));
    }

    List<Declared> declared() {
        return List.copyOf(declared.values());
    }

    /** Every metric, named, for a birth; what it carries counts as sent. */
    List<Metric> birth(Date at) {
        List<Metric> metrics = new ArrayList<>(declared.size());
        for (Declared metric : declared.values()) {
            Object value = current.get(metric.name());
            metrics.add(metric(metric.name(), metric.alias(), metric.type(), metric.properties(), value, at, false));
            sent.put(metric.name(), value);
        }
        return metrics;
    }

    /** The metrics whose value changed since last sent, by alias; empty when none did. */
    List<Metric> changes(Date at) {
        List<Metric> metrics = new ArrayList<>();
        for (Declared metric : declared.values()) {
            Object value = current.get(metric.name());
            if (!Objects.equals(value, sent.get(metric.name()))) {
                metrics.add(metric(null, metric.alias(), metric.type(), null, value, at, false));
                sent.put(metric.name(), value);
            }
        }
        return metrics;
    }

    /** A value of the past (read while the node could not publish), by alias, marked historical. */
    Metric historical(String name, Object value, Date at) {
        Declared metric = declared.get(name);
        return metric(null, metric.alias(), metric.type(), null, value, at, true);
    }

    private static Metric metric(String name, long alias, MetricDataType type, PropertySet properties, Object value,
                                 Date at, boolean historical) {
        try {
            return new Metric(name, alias, at, type, historical ? Boolean.TRUE : null, null, null, properties,
                    value);
        } catch (SparkplugInvalidTypeException e) {
            throw new IllegalStateException("metric " + (name == null ? "alias " + alias : name) + ": " + value
                    + " is no " + type, e);
        }
    }
}
