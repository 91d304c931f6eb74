package io.ductwatch.bench;

import io.ductwatch.config.SensorConfig;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.core.RuleEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rule evaluation for the example site: one sampling cycle (the 35 sensors' readings, then a tick)
 * through the {@link RuleEngine}, beside a plain loop comparing the same values with an array of
 * thresholds, the least any rule evaluation could cost. Run with {@code -prof gc} for allocation rates.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuleEngineBenchmark {

    /** Pre-built cycles, replayed in turn so values vary as a quiet duct's do. */
    private static final int CYCLES = 512;

    @Param("../firmware-config/sites/example-duct.yaml")
    public String site;

    private RuleEngine engine;
    private List<List<Reading>> cycles;
    private double[][] values;
    private double[] thresholds;
    private Instant now;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        SiteConfig config = SiteLoader.load(Path.of(site));
        now = Instant.parse("2026-11-27T00:00:00Z");
        engine = new RuleEngine(config, now, () -> "bench", List.of());
        Random random = new Random(42);
        cycles = new ArrayList<>();
        values = new double[CYCLES][];
        thresholds = new double[config.sensors().size()];
        for (int s = 0; s < thresholds.length; s++) {
            thresholds[s] = config.sensors().get(s).kind() == SensorConfig.Kind.HEAT ? 57.0 : 10.0;
        }
        for (int c = 0; c < CYCLES; c++) {
            List<Reading> cycle = new ArrayList<>();
            values[c] = new double[thresholds.length];
            for (int s = 0; s < thresholds.length; s++) {
                SensorConfig sensor = config.sensors().get(s);
                double value = sensor.kind() == SensorConfig.Kind.HEAT || sensor.kind() == SensorConfig.Kind.CLIMATE
                        ? 20 + random.nextGaussian() * 0.05 : Math.max(0, random.nextGaussian() * 0.1);
                values[c][s] = value;
                cycle.add(Reading.ok(sensor.id(), quantity(sensor.kind()), value, Instant.EPOCH));
            }
            cycles.add(cycle);
        }
    }

    private static Quantity quantity(SensorConfig.Kind kind) {
        return switch (kind) {
            case HEAT, CLIMATE -> Quantity.TEMPERATURE;
            case SMOKE -> Quantity.OBSCURATION;
            case CO -> Quantity.CO;
            case WATER_LEVEL -> Quantity.WATER_LEVEL;
            default -> Quantity.CONTACT;
        };
    }

    /** One cycle of the example site through the engine: 35 readings, then a tick. */
    @Benchmark
    public int engineCycle() {
        now = now.plus(Duration.ofSeconds(2));
        List<Reading> template = cycles.get(next++ & (CYCLES - 1));
        List<Reading> cycle = new ArrayList<>(template.size());
        for (Reading r : template) {
            cycle.add(new Reading(r.sensorId(), r.quantity(), r.value(), r.quality(), now, r.detail()));
        }
        engine.onReadings(cycle);
        engine.tick(now);
        return engine.activeAlarms().size();
    }

    /** The baseline: the same cycle's values against an array of thresholds. */
    @Benchmark
    public int arrayThresholdLoop() {
        double[] cycle = values[next++ & (CYCLES - 1)];
        int over = 0;
        for (int s = 0; s < cycle.length; s++) {
            if (cycle[s] >= thresholds[s]) {
                over++;
            }
        }
        return over;
    }
}
