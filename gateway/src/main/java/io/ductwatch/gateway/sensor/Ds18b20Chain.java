package io.ductwatch.gateway.sensor;

import io.ductwatch.gateway.core.Quality;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DS18B20 heat sensors of one site, read through the Linux w1 subsystem: one bulk conversion for
 * every sensor on a bus master (writing {@code trigger} to its {@code therm_bulk_read}, which returns once
 * the slowest sensor has converted), then each sensor's {@code w1_slave}. A chain of 21 sensors so takes
 * about one conversion time (750 ms at 12 bits) instead of 21. Kernels without bulk read fall back to
 * one conversion per read.
 *
 * <p>DS18B20 datasheet: range -55 to +125 °C; 85 °C is the power-on value of the temperature register
 * (Table 1, "Memory Map", power-up state). That value is rejected only when it is implausible: right
 * after power-up, or as a jump from far below. A sensor heating through 85 °C in a fire stays seen.
 *
 * <p>The trigger write blocks for the conversion: run this driver on a task of its own.
 */
public final class Ds18b20Chain implements SensorDriver {

    /** One sensor of the chain. */
    public record Probe(String sensorId, String romId, int resolutionBits) {
    }

    static final int POWER_ON_MILLI_C = 85_000;
    /** Fastest rise of a steel-probe DS18B20 in a duct fire, K/s, with margin (RTI 80, 3 m/s, 300 K). */
    static final double MAX_RISE_K_PER_S = 8.0;
    static final double RISE_MARGIN_K = 2.0;
    static final double MIN_C = -55.0;
    static final double MAX_C = 125.0;

    private static final Logger LOG = LoggerFactory.getLogger(Ds18b20Chain.class);

    private final SysfsTree sysfs;
    private final List<Probe> probes;
    private final Map<String, Instant> lastGoodAt = new HashMap<>();
    private final Map<String, Double> lastGoodC = new HashMap<>();
    private boolean resolutionsSet;
    private boolean bulkUnavailableLogged;

    public Ds18b20Chain(SysfsTree sysfs, List<Probe> probes) {
        this.sysfs = sysfs;
        this.probes = List.copyOf(probes);
    }

    @Override
    public String name() {
        return "DS18B20 chain (" + probes.size() + " on " + sysfs + ")";
    }

    @Override
    public List<String> sensorIds() {
        return probes.stream().map(Probe::sensorId).toList();
    }

    @Override
    public Duration conversionTime() {
        return Duration.ZERO;
    }

    @Override
    public void start() {
        if (!resolutionsSet) {
            setResolutions();
            resolutionsSet = true;
        }
        for (String master : mastersWithProbes()) {
            try {
                sysfs.write(master + "/therm_bulk_read", "trigger\n");
            } catch (IOException e) {
                if (!bulkUnavailableLogged) {
                    LOG.warn("{}: bulk conversion unavailable ({}); converting each sensor on read", master,
                            e.getMessage());
                    bulkUnavailableLogged = true;
                }
            }
        }
    }

    @Override
    public List<Reading> collect(Instant at) {
        List<Reading> readings = new ArrayList<>(probes.size());
        for (Probe probe : probes) {
            readings.add(read(probe, at));
        }
        return readings;
    }

    private Reading read(Probe probe, Instant at) {
        Optional<String> text;
        try {
            text = sysfs.read(probe.romId() + "/w1_slave");
        } catch (IOException e) {
            return fault(probe, Quality.NO_RESPONSE, at, "read failed: " + e.getMessage());
        }
        if (text.isEmpty()) {
            return fault(probe, Quality.NO_RESPONSE, at, probe.romId() + " is not on the 1-Wire bus");
        }
        W1Slave slave = W1Slave.parse(text.get());
        switch (slave.verdict()) {
            case EMPTY:
                return fault(probe, Quality.NO_RESPONSE, at, "no data (conversion failed or bus error)");
            case CRC_MISMATCH:
                return fault(probe, Quality.CRC_ERROR, at, "scratchpad CRC mismatch");
            case MALFORMED:
                return fault(probe, Quality.NO_RESPONSE, at, "unreadable w1_slave: " + text.get().strip());
            default:
                break;
        }
        int milli = slave.milliC().orElseThrow();
        double celsius = milli / 1000.0;
        if (milli == POWER_ON_MILLI_C && !plausiblyHot(probe.sensorId(), at)) {
            return fault(probe, Quality.NO_RESPONSE, at, "85 °C power-on value: the sensor reset before converting");
        }
        if (celsius < MIN_C || celsius > MAX_C) {
            return fault(probe, Quality.OUT_OF_RANGE, at,
                    String.format(Locale.ROOT, "%.3f °C is outside -55 to 125 °C", celsius));
        }
        lastGoodAt.put(probe.sensorId(), at);
        lastGoodC.put(probe.sensorId(), celsius);
        return Reading.ok(probe.sensorId(), Quantity.TEMPERATURE, celsius, at);
    }

    /** Whether the sensor could really have reached 85 °C since its last good reading. */
    private boolean plausiblyHot(String sensorId, Instant at) {
        Instant since = lastGoodAt.get(sensorId);
        if (since == null) {
            return false;
        }
        double seconds = Math.max(0, Duration.between(since, at).toMillis() / 1000.0);
        return lastGoodC.get(sensorId) + MAX_RISE_K_PER_S * seconds + RISE_MARGIN_K >= POWER_ON_MILLI_C / 1000.0;
    }

    private List<String> mastersWithProbes() {
        List<String> masters = new ArrayList<>();
        try {
            for (String entry : sysfs.list("")) {
                if (entry.startsWith("w1_bus_master")) {
                    List<String> slaves = sysfs.list(entry);
                    if (probes.stream().anyMatch(p -> slaves.contains(p.romId()))) {
                        masters.add(entry);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list 1-Wire bus masters in {}: {}", sysfs, e.getMessage());
        }
        return masters;
    }

    private void setResolutions() {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        probes.stream().filter(p -> p.resolutionBits() != 12).forEach(p -> wanted.put(p.romId(), p.resolutionBits()));
        wanted.forEach((rom, bits) -> {
            try {
                sysfs.write(rom + "/resolution", bits + "\n");
            } catch (IOException e) {
                LOG.warn("{}: cannot set {}-bit resolution ({}); it converts at its own", rom, bits, e.getMessage());
            }
        });
    }

    private static Reading fault(Probe probe, Quality quality, Instant at, String detail) {
        return Reading.fault(probe.sensorId(), Quantity.TEMPERATURE, quality, at, detail);
    }
}
