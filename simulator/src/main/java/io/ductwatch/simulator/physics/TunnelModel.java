package io.ductwatch.simulator.physics;

/**
 * The reference physics of a duct fire (DESIGN 4), implemented as written so that detection figures
 * compare across versions. Units: kW, m, s, K. Pure and thread-safe.
 *
 * <p>A duct of height {@code H} and width {@code W} with airflow {@code u >= 0} towards increasing
 * chainage; offsets {@code d = x - x_fire} (d >= 0 is downstream), {@code r = |d|}, {@code r0 = W/2}.
 * Alpert's ceiling-jet correlations give the temperature rise and velocity near the plume; beyond r0 the
 * gas temperature decays exponentially (40 m downstream, {@code 40 exp(-u/0.4)} m upstream) and so does
 * smoke (200 m and {@code 200 exp(-u/0.4)} m); what reaches x left the fire a transport delay earlier.
 */
public final class TunnelModel {

    /** Smoke yield of flaming combustion, kg of smoke per kg of fuel. */
    public static final double YIELD_FLAMING = 0.10;
    /** Smoke yield of smouldering combustion. */
    public static final double YIELD_SMOULDERING = 0.30;
    /** Heat of combustion the smoke mass rate is referred to, kJ/kg. */
    static final double HEAT_OF_COMBUSTION_KJ_PER_KG = 20_000;
    /** Specific extinction of the smoke, m^2/kg. */
    static final double SPECIFIC_EXTINCTION = 8700;

    private final double heightM;
    private final double widthM;
    private final double airflowMs;

    public TunnelModel(double heightM, double widthM, double airflowMs) {
        if (heightM <= 0 || widthM <= 0 || airflowMs < 0) {
            throw new IllegalArgumentException("duct of height " + heightM + " m, width " + widthM
                    + " m, airflow " + airflowMs + " m/s");
        }
        this.heightM = heightM;
        this.widthM = widthM;
        this.airflowMs = airflowMs;
    }

    /** Alpert's ceiling-jet temperature rise, K: 16.9 Q^(2/3)/H^(5/3) near the plume, 5.38 (Q/r)^(2/3)/H beyond. */
    public double alpertRiseK(double q, double r) {
        if (q <= 0) {
            return 0;
        }
        return r / heightM <= 0.18
                ? 16.9 * Math.pow(q, 2.0 / 3) / Math.pow(heightM, 5.0 / 3)
                : 5.38 * Math.pow(q / r, 2.0 / 3) / heightM;
    }

    /** Alpert's ceiling-jet velocity, m/s: 0.96 (Q/H)^(1/3) near the plume, 0.195 Q^(1/3) H^(1/2) / r^(5/6) beyond. */
    public double alpertVelocityMs(double q, double r) {
        if (q <= 0) {
            return 0;
        }
        return r / heightM <= 0.15
                ? 0.96 * Math.cbrt(q / heightM)
                : 0.195 * Math.cbrt(q) * Math.sqrt(heightM) / Math.pow(r, 5.0 / 6);
    }

    private double halfWidth() {
        return widthM / 2;
    }

    /** Decay length of gas temperature on the side of {@code d}, m. */
    double heatDecayM(double d) {
        return d >= 0 ? 40 : 40 * Math.exp(-airflowMs / 0.4);
    }

    /** Decay length of smoke on the side of {@code d}, m. */
    double smokeDecayM(double d) {
        return d >= 0 ? 200 : 200 * Math.exp(-airflowMs / 0.4);
    }

    /** Gas temperature rise at the ceiling at offset d for a steady fire of q kW, K. */
    public double gasRiseK(double q, double d) {
        double r = Math.abs(d);
        double r0 = halfWidth();
        if (r <= r0) {
            return alpertRiseK(q, r);
        }
        return alpertRiseK(q, r0) * Math.exp(-(r - r0) / heatDecayM(d));
    }

    /** Transport speed from the fire towards d, m/s: the ceiling jet with or against the airflow, at least 0.3. */
    public double transportSpeedMs(double q, double d) {
        double jet = alpertVelocityMs(q, halfWidth());
        return Math.max(0.3, d >= 0 ? jet + airflowMs : jet - airflowMs);
    }

    /** Transport delay to offset d for the current heat release q, s; zero within r0. */
    public double delayS(double q, double d) {
        double r = Math.abs(d);
        return r <= halfWidth() ? 0 : (r - halfWidth()) / transportSpeedMs(q, d);
    }

    /** Smoke mass concentration at offset d for a steady fire of q kW with smoke yield ys, kg/m^3. */
    public double smokeConcentration(double q, double d, double yield) {
        if (q <= 0) {
            return 0;
        }
        double massRate = yield * q / HEAT_OF_COMBUSTION_KJ_PER_KG;
        double vDown = Math.max(0.3, alpertVelocityMs(q, halfWidth()) + airflowMs);
        double r = Math.abs(d);
        double f = r <= halfWidth() ? 1 : Math.exp(-(r - halfWidth()) / smokeDecayM(d));
        return massRate / (widthM * heightM / 3 * vDown) * f;
    }

    /** Obscuration for a smoke concentration, %/m: 100 (1 - exp(-8700 C)). */
    public static double obscurationPctPerM(double concentration) {
        return 100 * (1 - Math.exp(-SPECIFIC_EXTINCTION * concentration));
    }

    /** Gas velocity at a detector at offset d, m/s: max(0.2, u + U_A(Q, H, max(r, 0.3))). */
    public double localVelocityMs(double q, double d) {
        return Math.max(0.2, airflowMs + alpertVelocityMs(q, Math.max(Math.abs(d), 0.3)));
    }

    /** The steady state at offset d from a fire of q kW (flaming), with the delay for that q. */
    public Probe steady(double q, double d) {
        return new Probe(gasRiseK(q, d), delayS(q, d),
                obscurationPctPerM(smokeConcentration(q, d, YIELD_FLAMING)), localVelocityMs(q, d));
    }

    /**
     * The state at offset d, {@code t} seconds after the ignition of a t-squared fire: the delay follows
     * the current heat release, and what arrives is the steady state of the heat release that left the
     * fire one delay earlier (no detector lag).
     */
    public Probe afterIgnition(double alphaKwPerS2, double maxKw, double t, double d) {
        double now = heatRelease(alphaKwPerS2, maxKw, t);
        double delay = delayS(now, d);
        double then = heatRelease(alphaKwPerS2, maxKw, t - delay);
        return new Probe(gasRiseK(then, d), delay, obscurationPctPerM(smokeConcentration(then, d, YIELD_FLAMING)),
                localVelocityMs(then, d));
    }

    /** Q(t) = min(alpha t^2, Qmax) for t >= 0, else 0. */
    public static double heatRelease(double alphaKwPerS2, double maxKw, double t) {
        return t <= 0 ? 0 : Math.min(alphaKwPerS2 * t * t, maxKw);
    }
}
