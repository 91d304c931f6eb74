package io.ductwatch.gateway.core;

import java.util.List;

/**
 * Estimates where along the duct a fire is from the profile of sensor readings, with the shape of the
 * reference model (DESIGN 4): flat near the plume, then decaying exponentially, slowly downstream and
 * fast upstream of the airflow, so the hottest sensor is often downstream of the fire. Fits the fire's
 * chainage and strength by least squares: for each candidate chainage the best strength has a closed
 * form, and the chainage is searched on a 0.5 m grid, then refined to 1 cm.
 *
 * <p>Pure and thread-safe.
 */
public final class FireLocator {

    /** A sensor's chainage and the rise it sees above its baseline. */
    public record Point(double positionM, double rise) {
    }

    private final double heightM;
    private final double halfWidthM;
    private final double lambdaDownM;
    private final double lambdaUpM;
    private final boolean ceilingJetNearField;

    /**
     * @param lambdaDownM         decay length downstream (heat 40 m, smoke 200 m in the reference model)
     * @param airflowMs           the duct's airflow; upstream decay is {@code lambdaDown * exp(-u / 0.4)}
     * @param ceilingJetNearField whether the profile falls off within half the width as Alpert's
     *                            ceiling jet does (heat), or is flat there (smoke)
     */
    public FireLocator(double heightM, double widthM, double airflowMs, double lambdaDownM,
                       boolean ceilingJetNearField) {
        this.heightM = heightM;
        this.halfWidthM = widthM / 2;
        this.lambdaDownM = lambdaDownM;
        this.lambdaUpM = lambdaDownM * Math.exp(-airflowMs / 0.4);
        this.ceilingJetNearField = ceilingJetNearField;
    }

    /** The heat profile of the reference model (gas temperature, decay 40 m downstream). */
    public static FireLocator forHeat(double heightM, double widthM, double airflowMs) {
        return new FireLocator(heightM, widthM, airflowMs, 40, true);
    }

    /** The smoke profile of the reference model (concentration, decay 200 m downstream). */
    public static FireLocator forSmoke(double heightM, double widthM, double airflowMs) {
        return new FireLocator(heightM, widthM, airflowMs, 200, false);
    }

    /**
     * The profile's relative value at offset {@code d} from the fire ({@code d >= 0} downstream): the
     * ceiling jet's near-field shape out to half the duct width (Alpert: flat to 0.18 H, then falling
     * as r^(-2/3)), exponential beyond.
     */
    double shape(double d) {
        double r = Math.abs(d);
        double near = Math.min(r, halfWidthM);
        double nearShape = !ceilingJetNearField || near <= 0.18 * heightM ? 1.0
                : Math.pow(0.18 * heightM / near, 2.0 / 3.0);
        if (r <= halfWidthM) {
            return nearShape;
        }
        double lambda = d >= 0 ? lambdaDownM : lambdaUpM;
        return nearShape * Math.exp(-(r - halfWidthM) / lambda);
    }

    /**
     * The chainage that best explains the points, between {@code fromM} and {@code toM}; the position of
     * the largest rise when fewer than two points rise at all.
     */
    public double locate(List<Point> points, double fromM, double toM) {
        long rising = points.stream().filter(p -> p.rise() > 0).count();
        if (rising < 2) {
            return points.stream().max(java.util.Comparator.comparingDouble(Point::rise))
                    .map(Point::positionM).orElse((fromM + toM) / 2);
        }
        double best = fromM;
        double bestError = Double.MAX_VALUE;
        for (double x = fromM; x <= toM + 1e-9; x += 0.5) {
            double error = error(points, x);
            if (error < bestError) {
                bestError = error;
                best = x;
            }
        }
        double lo = Math.max(fromM, best - 0.5);
        double hi = Math.min(toM, best + 0.5);
        for (double x = lo; x <= hi + 1e-9; x += 0.01) {
            double error = error(points, x);
            if (error < bestError) {
                bestError = error;
                best = x;
            }
        }
        return best;
    }

    private double error(List<Point> points, double fireAt) {
        double sumYG = 0;
        double sumGG = 0;
        for (Point p : points) {
            double g = shape(p.positionM() - fireAt);
            sumYG += Math.max(0, p.rise()) * g;
            sumGG += g * g;
        }
        double strength = sumGG == 0 ? 0 : sumYG / sumGG;
        double error = 0;
        for (Point p : points) {
            double residual = Math.max(0, p.rise()) - strength * shape(p.positionM() - fireAt);
            error += residual * residual;
        }
        return error;
    }
}
