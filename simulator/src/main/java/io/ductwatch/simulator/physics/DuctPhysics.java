package io.ductwatch.simulator.physics;

import io.ductwatch.config.SensorConfig;
import io.ductwatch.config.SiteConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * The duct of a site over time, per DESIGN 4: the gas temperature and smoke that fires, smoulders and
 * heat ramps cause at each sensor's chainage, as each sensor sees them through its own lag (heat: RTI 80
 * (m s)^0.5 for a DS18B20 steel probe, 30 for a housed digital sensor; smoke: the detector chamber), and
 * the water at the low points. A recorded fire replays measured gas temperatures instead of the model
 * ({@link Recording}), seen through the same lag. Deterministic for a seed: the noise (0.05 K on temperatures, 1 % of span
 * on 4-20 mA loops) comes from one seeded generator, drawn in sensor order. Not thread-safe.
 */
public final class DuctPhysics {

    static final double RTI_STEEL_PROBE = 80;
    static final double RTI_HOUSED = 30;
    static final double CHAMBER_LENGTH_M = 1.8;
    static final double TEMPERATURE_NOISE_K = 0.05;
    static final double LOOP_NOISE_SHARE = 0.01;
    /** A flood reaches sensors this close to its low point. */
    static final double FLOOD_REACH_M = 10;

    private record Source(double startS, double positionM, DoubleUnaryOperator heatRelease, double yield) {
    }

    private record Ramp(double startS, double fromM, double toM, double rateKPerMin, double durationS) {
    }

    private record Flood(double startS, double positionM, double rateMmPerMin) {
    }

    private record Replay(double startS, double positionM, double ignitionS, Recording recording) {
    }

    /** What one sensor is exposed to now. */
    private static final class Exposure {
        double sensorC;
        double chamberConcentration;
        boolean initialised;
    }

    private final SiteConfig site;
    private final TunnelModel model;
    private final DoubleUnaryOperator ambient;
    private final Random noise;
    private final List<Source> sources = new ArrayList<>();
    private final List<Ramp> ramps = new ArrayList<>();
    private final List<Flood> floods = new ArrayList<>();
    private final List<Replay> replays = new ArrayList<>();
    private final Map<String, Exposure> exposures = new LinkedHashMap<>();

    public DuctPhysics(SiteConfig site, DoubleUnaryOperator ambientC, long seed) {
        this.site = site;
        this.model = new TunnelModel(site.duct().heightM(), site.duct().widthM(), site.duct().airflowMs());
        this.ambient = ambientC;
        this.noise = new Random(seed);
        site.sensors().forEach(s -> exposures.put(s.id(), new Exposure()));
    }

    public TunnelModel model() {
        return model;
    }

    public void addFire(double ignitionS, double positionM, double alphaKwPerS2, double maxKw) {
        sources.add(new Source(ignitionS, positionM,
                t -> TunnelModel.heatRelease(alphaKwPerS2, maxKw, t - ignitionS), TunnelModel.YIELD_FLAMING));
    }

    public void addSmoulder(double startS, double positionM, double kw, double durationS) {
        sources.add(new Source(startS, positionM, t -> t >= startS && t < startS + durationS ? kw : 0,
                TunnelModel.YIELD_SMOULDERING));
    }

    public void addHeat(double startS, double fromM, double toM, double rateKPerMin, double durationS) {
        ramps.add(new Ramp(startS, fromM, toM, rateKPerMin, durationS));
    }

    /**
     * A recorded fire at a chainage: the recording's row at {@code ignitionS} (its own time base) happens at
     * {@code startS}, earlier rows before it; its gas temperatures replace the reference physics there.
     */
    public void addRecorded(double startS, double positionM, double ignitionS, Recording recording) {
        replays.add(new Replay(startS, positionM, ignitionS, recording));
    }

    public void addFlood(double startS, double positionM, double rateMmPerMin) {
        floods.add(new Flood(startS, positionM, rateMmPerMin));
    }

    /** Gas temperature at a chainage at time t, °C. */
    public double gasC(double t, double x) {
        double c = ambient.applyAsDouble(t);
        for (Source s : sources) {
            double d = x - s.positionM();
            double delay = model.delayS(s.heatRelease().applyAsDouble(t), d);
            c += model.gasRiseK(s.heatRelease().applyAsDouble(t - delay), d);
        }
        for (Replay r : replays) {
            c += r.recording().riseK(r.ignitionS() + (t - r.startS()), x - r.positionM());
        }
        for (Ramp r : ramps) {
            if (x >= r.fromM() && x <= r.toM() && t > r.startS()) {
                c += r.rateKPerMin() / 60 * Math.min(t - r.startS(), r.durationS());
            }
        }
        return c;
    }

    /** Smoke concentration in the air at a chainage at time t, kg/m^3. */
    public double smokeConcentration(double t, double x) {
        double c = 0;
        for (Source s : sources) {
            double d = x - s.positionM();
            double delay = model.delayS(s.heatRelease().applyAsDouble(t), d);
            c += model.smokeConcentration(s.heatRelease().applyAsDouble(t - delay), d, s.yield());
        }
        return c;
    }

    /** Gas velocity at a detector there, m/s: the strongest source's, or the airflow. */
    double localVelocityMs(double t, double x) {
        double v = Math.max(0.2, site.duct().airflowMs());
        for (Source s : sources) {
            double d = x - s.positionM();
            double delay = model.delayS(s.heatRelease().applyAsDouble(t), d);
            v = Math.max(v, model.localVelocityMs(s.heatRelease().applyAsDouble(t - delay), d));
        }
        return v;
    }

    /** Water level at a chainage at time t, mm. */
    public double waterMm(double t, double x) {
        double mm = 0;
        for (Flood f : floods) {
            if (Math.abs(x - f.positionM()) <= FLOOD_REACH_M && t > f.startS()) {
                mm += f.rateMmPerMin() / 60 * (t - f.startS());
            }
        }
        return mm;
    }

    /** Moves every sensor's lag on to time t, over a step of dt seconds. */
    public void step(double t, double dt) {
        for (SensorConfig sensor : site.sensors()) {
            Exposure e = exposures.get(sensor.id());
            double x = sensor.positionM();
            double v = localVelocityMs(t, x);
            if (sensor.kind() == SensorConfig.Kind.HEAT || sensor.kind() == SensorConfig.Kind.CLIMATE) {
                double gas = gasC(t, x);
                if (!e.initialised) {
                    e.sensorC = gas;
                } else {
                    double rti = sensor.wiring() instanceof SensorConfig.OneWire ? RTI_STEEL_PROBE : RTI_HOUSED;
                    e.sensorC += (gas - e.sensorC) * (1 - Math.exp(-Math.sqrt(v) / rti * dt));
                }
            } else if (sensor.kind() == SensorConfig.Kind.SMOKE) {
                double c = smokeConcentration(t, x);
                e.chamberConcentration = !e.initialised ? c
                        : e.chamberConcentration + (c - e.chamberConcentration) * (1 - Math.exp(-v / CHAMBER_LENGTH_M * dt));
            }
            e.initialised = true;
        }
    }

    /** What a heat or climate sensor reads now, °C, noise included. */
    public double sensorC(String sensorId) {
        return exposures.get(sensorId).sensorC + noise.nextGaussian() * TEMPERATURE_NOISE_K;
    }

    /** What a smoke detector's chamber holds now, as obscuration %/m. */
    public double chamberObscurationPctPerM(String sensorId) {
        return TunnelModel.obscurationPctPerM(exposures.get(sensorId).chamberConcentration);
    }

    /** Loop noise for a transmitter of the given span, in its unit. */
    public double loopNoise(double span) {
        return noise.nextGaussian() * LOOP_NOISE_SHARE * Math.abs(span);
    }
}
