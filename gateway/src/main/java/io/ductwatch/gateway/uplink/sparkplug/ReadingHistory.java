package io.ductwatch.gateway.uplink.sparkplug;

import io.ductwatch.gateway.core.Quality;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The readings taken while the edge node could not publish (no connection, or no primary host online),
 * kept to be sent as historical metrics, in order, after its next birth. A ring of at most
 * {@code capacity} readings in primitive arrays (about 25 bytes a reading, so an hour of the example
 * site's 31 sensors at 1 Hz is under 3 MB); when it is full the oldest are dropped and counted. The
 * native topics keep their own, persisted store: this history only fills the gaps of a Sparkplug host's
 * trends. Used on the node's thread only.
 */
final class ReadingHistory {

    private static final Quantity[] QUANTITIES = Quantity.values();
    private static final Quality[] QUALITIES = Quality.values();

    private final long[] at;
    private final int[] sensor;
    private final byte[] quantity;
    private final double[] value;
    private final byte[] quality;
    private final List<String> sensorIds = new ArrayList<>();
    private final Map<String, Integer> sensorIndex = new HashMap<>();
    private int head;
    private int size;
    private long dropped;

    /** Room for {@code minutes} of a site's sampling cycles at 1 Hz (a climate chip reports up to three values). */
    static ReadingHistory forSite(io.ductwatch.config.SiteConfig site, int minutes) {
        int perCycle = site.sensors().stream()
                .mapToInt(s -> s.kind() == io.ductwatch.config.SensorConfig.Kind.CLIMATE ? 3 : 1).sum();
        return new ReadingHistory(minutes * 60 * perCycle);
    }

    ReadingHistory(int capacity) {
        at = new long[capacity];
        sensor = new int[capacity];
        quantity = new byte[capacity];
        value = new double[capacity];
        quality = new byte[capacity];
    }

    void add(List<Reading> readings) {
        if (at.length == 0) {
            dropped += readings.size();
            return;
        }
        for (Reading reading : readings) {
            if (size == at.length) {
                head = (head + 1) % at.length;
                size--;
                dropped++;
            }
            int slot = (head + size) % at.length;
            at[slot] = reading.at().toEpochMilli();
            sensor[slot] = sensorIndex.computeIfAbsent(reading.sensorId(), id -> {
                sensorIds.add(id);
                return sensorIds.size() - 1;
            });
            quantity[slot] = (byte) reading.quantity().ordinal();
            value[slot] = reading.value();
            quality[slot] = (byte) reading.quality().ordinal();
            size++;
        }
    }

    /** The oldest readings that share one time (one sampling cycle), taken out; empty when none are left. */
    List<Reading> takeCycle() {
        List<Reading> cycle = new ArrayList<>();
        long first = size == 0 ? 0 : at[head];
        while (size > 0 && at[head] == first) {
            Quality q = QUALITIES[quality[head]];
            Instant when = Instant.ofEpochMilli(at[head]);
            cycle.add(new Reading(sensorIds.get(sensor[head]), QUANTITIES[quantity[head]], value[head], q, when,
                    q == Quality.OK ? "" : q.name()));
            head = (head + 1) % at.length;
            size--;
        }
        return cycle;
    }

    int size() {
        return size;
    }

    /** Readings dropped because the history was full, since the gateway started. */
    long dropped() {
        return dropped;
    }
}
