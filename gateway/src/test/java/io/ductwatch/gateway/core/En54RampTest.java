package io.ductwatch.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * EN 54-5 class A1R response windows, the way the standard's heat tunnel tests them: the air ramps from
 * 25 °C at 1 to 30 K/min, the sensor sees it through its lag (DESIGN 4: a DS18B20 steel probe, RTI 80, in
 * the example site's 0.5 m/s), reads every 2 s at 12 bits with 0.05 K of noise, and its HEAT alarm must
 * come inside the window, never before the lower bound.
 */
class En54RampTest {

    private static final double RTI = 80.0;
    private static final double AIRFLOW_MS = 0.5;
    private static final Duration POLL = Duration.ofSeconds(2);

    @ParameterizedTest(name = "{0} K/min: HEAT between {1} s and {2} s (seed {3})")
    @CsvSource({
            "1,  1740, 2420, 1", "1,  1740, 2420, 2",
            "3,  433,  820,  1", "3,  433,  820,  2",
            "5,  249,  500,  1", "5,  249,  500,  2",
            "10, 60,   260,  1", "10, 60,   260,  2",
            "20, 30,   140,  1", "20, 30,   140,  2",
            "30, 20,   100,  1", "30, 20,   100,  2"})
    void a1r_responds_inside_the_en54_5_window(double kPerMin, long lowerS, long upperS, long seed) {
        EngineFixture fixture = new EngineFixture();
        Random noise = new Random(seed);
        double sensor = 25.0;
        fixture.set("t07", 25.0);
        fixture.run(Duration.ofMinutes(10), POLL); // conditioned at 25 °C
        Instant rampStart = fixture.now();
        double step = 0.1;
        double elapsed = 0;
        while (fixture.events(AlarmType.HEAT, AlarmEventKind.RAISED).isEmpty() && elapsed < 3600) {
            for (int i = 0; i < Math.round(POLL.toMillis() / 1000.0 / step); i++) {
                double gas = 25.0 + kPerMin / 60.0 * elapsed;
                sensor += step * Math.sqrt(AIRFLOW_MS) / RTI * (gas - sensor);
                elapsed += step;
            }
            double read = Math.round((sensor + noise.nextGaussian() * 0.05) * 16) / 16.0;
            fixture.set("t07", read);
            fixture.advance(POLL);
            fixture.cycle();
        }

        AlarmEvent heat = fixture.events(AlarmType.HEAT, AlarmEventKind.RAISED).get(0);
        long responseS = Duration.between(rampStart, heat.at()).toSeconds();
        assertThat(heat.sensors()).containsExactly("t07");
        assertThat(responseS).as("response after %s K/min ramp: %s", kPerMin, heat.reason())
                .isBetween(lowerS, upperS);
    }
}
