package io.ductwatch.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fire position from synthetic profiles of the reference model (DESIGN 4), written out here on their
 * own: the gas temperature rise at the example site's 21 heat sensors (every 10 m, H 2.5, W 2.0,
 * u 0.5) for a steady fire of Q kW at a chainage. The estimate must lie within 2 m.
 */
class FireLocatorTest {

    private static final double H = 2.5;
    private static final double W = 2.0;
    private static final double U = 0.5;

    /** Alpert's ceiling-jet temperature rise (DESIGN 4). */
    static double alpertRise(double q, double h, double r) {
        return r / h <= 0.18 ? 16.9 * Math.pow(q, 2.0 / 3) / Math.pow(h, 5.0 / 3) : 5.38 * Math.pow(q / r, 2.0 / 3) / h;
    }

    /** Gas temperature rise at offset d from the fire (d >= 0 downstream), DESIGN 4. */
    static double gasRise(double q, double d) {
        double r = Math.abs(d);
        double r0 = W / 2;
        if (r <= r0) {
            return alpertRise(q, H, r);
        }
        double lambda = d >= 0 ? 40 : 40 * Math.exp(-U / 0.4);
        return alpertRise(q, H, r0) * Math.exp(-(r - r0) / lambda);
    }

    private static List<FireLocator.Point> profile(double fireAt, double q) {
        List<FireLocator.Point> points = new ArrayList<>();
        for (int i = 0; i <= 20; i++) {
            double x = i * 10.0;
            points.add(new FireLocator.Point(x, gasRise(q, x - fireAt)));
        }
        return points;
    }

    @ParameterizedTest(name = "fire of {1} kW at {0} m")
    @CsvSource({"143.0, 2000", "143.0, 50", "37.5, 500", "95.0, 100", "12.3, 1000", "188.8, 300", "100.0, 20",
            "64.9, 3000", "5.0, 200", "155.5, 10"})
    void locates_a_steady_fire_within_two_metres(double fireAt, double q) {
        double estimate = FireLocator.forHeat(H, W, U).locate(profile(fireAt, q), 0, 200);

        assertThat(estimate).isCloseTo(fireAt, within(2.0));
    }

    @ParameterizedTest(name = "fire at {0} m: the hottest sensor is not the answer")
    @CsvSource({"143.0", "37.5"})
    void does_better_than_the_hottest_sensor(double fireAt) {
        List<FireLocator.Point> points = profile(fireAt, 500);
        double hottest = points.stream().max(java.util.Comparator.comparingDouble(FireLocator.Point::rise))
                .orElseThrow().positionM();

        double estimate = FireLocator.forHeat(H, W, U).locate(points, 0, 200);

        assertThat(Math.abs(estimate - fireAt)).isLessThan(Math.abs(hottest - fireAt));
    }

    @ParameterizedTest(name = "smoke from a fire at {0} m")
    @CsvSource({"80.0", "143.0"})
    void locates_from_a_smoke_profile_too(double fireAt) {
        List<FireLocator.Point> points = new ArrayList<>();
        for (double x : new double[] {25, 75, 125, 175}) {
            double d = x - fireAt;
            double r = Math.abs(d);
            double lambda = d >= 0 ? 200 : 200 * Math.exp(-U / 0.4);
            points.add(new FireLocator.Point(x, 10 * Math.exp(-Math.max(0, r - W / 2) / lambda)));
        }

        assertThat(FireLocator.forSmoke(H, W, U).locate(points, 0, 200)).isCloseTo(fireAt, within(2.0));
    }
}
