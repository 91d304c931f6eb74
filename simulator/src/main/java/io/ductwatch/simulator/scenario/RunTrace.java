package io.ductwatch.simulator.scenario;

import io.ductwatch.config.SiteConfig;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.simulator.physics.DuctPhysics;
import io.ductwatch.simulator.physics.TunnelModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the report plots, sampled every {@link #EVERY_S} simulated seconds: the duct as the physics has it
 * (gas temperature and smoke every {@link #CELL_M} m) and each sensor as the gateway read it. Used on the
 * thread that runs the simulation.
 */
final class RunTrace {

    static final double EVERY_S = 10;
    static final double CELL_M = 5;

    /** One sample of the duct: its time, and a value per cell from chainage 0. */
    record DuctRow(double atS, double[] gasC, double[] smokePctPerM) {
    }

    private final SiteConfig site;
    private final List<DuctRow> duct = new ArrayList<>();
    private final Map<String, List<double[]>> sensors = new LinkedHashMap<>();
    private double next;

    RunTrace(SiteConfig site) {
        this.site = site;
    }

    /** Samples at {@code t} if a sample is due; {@code readings} empty while the gateway is down. */
    void sample(double t, DuctPhysics physics, Supplier<Map<String, Reading>> readings) {
        if (t < next) {
            return;
        }
        next += EVERY_S;
        int cells = (int) Math.ceil(site.duct().lengthM() / CELL_M) + 1;
        double[] gas = new double[cells];
        double[] smoke = new double[cells];
        for (int i = 0; i < cells; i++) {
            double x = site.duct().startM() + Math.min(site.duct().lengthM(), i * CELL_M);
            gas[i] = physics.gasC(t, x);
            smoke[i] = TunnelModel.obscurationPctPerM(physics.smokeConcentration(t, x));
        }
        duct.add(new DuctRow(t, gas, smoke));
        readings.get().forEach((id, r) -> sensors.computeIfAbsent(id, k -> new ArrayList<>())
                .add(new double[] {t, r.isOk() ? r.value() : Double.NaN}));
    }

    List<DuctRow> duct() {
        return duct;
    }

    /** Each sensor's readings as {@code [t, value]}, NaN for a failed read, in the site's order of first reading. */
    Map<String, List<double[]>> sensors() {
        return sensors;
    }
}
