package io.ductwatch.simulator.physics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reference model against DESIGN 4's reference values (within 0.5 %) and hand-computed ones. */
class TunnelModelTest {

    private final TunnelModel example = new TunnelModel(2.5, 2.0, 0.5);

    @ParameterizedTest(name = "Q {0} kW, d {1} m -> {2} K, {3} s, {4} %/m, {5} m/s")
    @CsvSource({
            "100, 0,  79.065, 0,      74.116, 3.783",
            "100, 5,  41.951, 2.071,  73.414, 0.874",
            "100, -5, 32.703, 4.296,  71.647, 0.874",
            "42,  5,  23.528, 2.545,  49.522, 0.780",
            "10,  30, 4.838,  24.909, 17.627, 0.539"})
    void steady_state_matches_the_reference_values(double q, double d, double gas, double delay, double obscuration,
                                                    double velocity) {
        Probe probe = example.steady(q, d);

        assertThat(probe.gasRiseK()).isCloseTo(gas, withinPercentage(0.5));
        if (delay == 0) {
            assertThat(probe.delayS()).isZero();
        } else {
            assertThat(probe.delayS()).isCloseTo(delay, withinPercentage(0.5));
        }
        assertThat(probe.obscurationPctPerM()).isCloseTo(obscuration, withinPercentage(0.5));
        assertThat(probe.localVelocityMs()).isCloseTo(velocity, withinPercentage(0.5));
    }

    @Test
    void a_medium_fire_40_s_after_ignition_matches_the_reference() {
        Probe probe = example.afterIgnition(Growth.MEDIUM.alphaKwPerS2(), Double.MAX_VALUE, 40, 32);

        assertThat(probe.gasRiseK()).isCloseTo(2.149, withinPercentage(0.5));
        assertThat(probe.delayS()).isCloseTo(23.5, withinPercentage(0.5));
        assertThat(probe.obscurationPctPerM()).isCloseTo(7.204, withinPercentage(0.5));
    }

    @Test
    void alpert_correlations_by_hand() {
        // Q 1000 kW, H 2.5 m, r 0: 16.9 * 1000^(2/3) / 2.5^(5/3) = 16.9 * 100 / 4.6050 = 366.99 K
        Assertions.assertThat(example.alpertRiseK(1000, 0)).isCloseTo(366.99, withinPercentage(0.05));
        // r 2 m (r/H 0.8): 5.38 * (1000/2)^(2/3) / 2.5 = 5.38 * 62.996 / 2.5 = 135.57 K
        Assertions.assertThat(example.alpertRiseK(1000, 2)).isCloseTo(135.57, withinPercentage(0.05));
        // velocity near the plume: 0.96 * (1000/2.5)^(1/3) = 0.96 * 7.3681 = 7.0734 m/s
        Assertions.assertThat(example.alpertVelocityMs(1000, 0.3)).isCloseTo(7.0734, withinPercentage(0.05));
        // beyond: 0.195 * 10 * 1.5811 / 2^(5/6) = 3.0832 / 1.7818 = 1.7304 m/s
        Assertions.assertThat(example.alpertVelocityMs(1000, 2)).isCloseTo(1.7304, withinPercentage(0.05));
    }

    @Test
    void airflow_carries_heat_and_smoke_downstream() {
        assertThat(example.gasRiseK(500, 20)).isGreaterThan(example.gasRiseK(500, -20));
        assertThat(example.delayS(500, 20)).isLessThan(example.delayS(500, -20));
        assertThat(example.smokeConcentration(500, 50, TunnelModel.YIELD_FLAMING))
                .isGreaterThan(example.smokeConcentration(500, -50, TunnelModel.YIELD_FLAMING));
        TunnelModel still = new TunnelModel(2.5, 2.0, 0);
        assertThat(still.gasRiseK(500, 20)).isEqualTo(still.gasRiseK(500, -20));
    }

    @Test
    void growth_caps_at_the_maximum_and_nothing_happens_before_ignition() {
        assertThat(TunnelModel.heatRelease(Growth.FAST.alphaKwPerS2(), 2000, 100)).isCloseTo(469.0, withinPercentage(0.01));
        assertThat(TunnelModel.heatRelease(Growth.FAST.alphaKwPerS2(), 2000, 1000)).isEqualTo(2000);
        assertThat(TunnelModel.heatRelease(Growth.FAST.alphaKwPerS2(), 2000, -5)).isZero();
        assertThat(example.steady(0, 10).gasRiseK()).isZero();
        assertThat(example.steady(0, 10).obscurationPctPerM()).isZero();
        assertThat(example.steady(0, 10).localVelocityMs()).isEqualTo(0.5);
    }
}
