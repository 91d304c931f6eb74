package io.ductwatch.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The FIRE the engine raises carries the profile's estimate, not the hottest sensor's chainage. Its zone
 * is the zone whose sensors decided it: a fire at 96 m, just upstream of the Z1/Z2 boundary, heats the
 * Z2 sensors downstream first, so Z2 reports it, at 96 m.
 */
class FirePositionThroughEngineTest {

    @ParameterizedTest(name = "fire of {1} kW at {0} m, decided in {2}")
    @CsvSource({"143.0, 300, Z2", "37.5, 200, Z1", "96.0, 150, Z1", "163.7, 500, Z2"})
    void fire_position_comes_from_the_heat_profile(double fireAt, double q, String zone) {
        EngineFixture fixture = new EngineFixture();
        fixture.run(Duration.ofMinutes(2), Duration.ofSeconds(2));
        for (int i = 0; i <= 20; i++) {
            fixture.set(String.format("t%02d", i), 20 + FireLocatorTest.gasRise(q, i * 10.0 - fireAt));
        }

        fixture.run(Duration.ofSeconds(10), Duration.ofSeconds(2));

        AlarmEvent fire = fixture.events(AlarmType.FIRE, AlarmEventKind.RAISED).get(0);
        assertThat(fire.positionM()).isCloseTo(fireAt, within(2.0));
        assertThat(fire.zone()).isEqualTo(zone);
    }

    @ParameterizedTest(name = "fire at {0} m of a section starting at 1000 m, decided in {1}")
    @CsvSource({"1143.0, Z2", "1000.0, Z1", "1200.0, Z2"})
    void a_section_further_along_the_duct_locates_in_absolute_chainage(double fireAt, String zone) {
        EngineFixture fixture = new EngineFixture(EngineFixture.load().startingAt(1000));
        fixture.run(Duration.ofMinutes(2), Duration.ofSeconds(2));
        for (int i = 0; i <= 20; i++) {
            fixture.set(String.format("t%02d", i), 20 + FireLocatorTest.gasRise(300, 1000 + i * 10.0 - fireAt));
        }

        fixture.run(Duration.ofSeconds(10), Duration.ofSeconds(2));

        AlarmEvent fire = fixture.events(AlarmType.FIRE, AlarmEventKind.RAISED).get(0);
        assertThat(fire.positionM()).isCloseTo(fireAt, within(2.0));
        assertThat(fire.zone()).isEqualTo(zone);
    }
}
