package io.ductwatch.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The FIRE / PRE_ALARM decision table of docs/detection.md, on the example site (Z1: 0-100 m with t00-t09,
 * s0, s1, mcp0; Z2: 100-200 m with t10-t20, s2, s3, co0). Each row sets some sensors past their criteria,
 * lets a minute pass, and checks the zone alarms that stand.
 */
class ZoneDecisionTableTest {

    static Stream<Arguments> table() {
        return Stream.of(
                row("nothing", "", "", ""),
                row("one heat sensor", "t13=70", "", "Z2"),
                row("one smoke sensor", "s2=15", "", "Z2"),
                row("one CO sensor", "co0=80", "", "Z2"),
                row("heat and smoke in one zone", "t13=70 s2=15", "Z2", ""),
                row("two heat sensors in one zone", "t13=70 t14=70", "Z2", ""),
                row("CO and heat in one zone", "co0=80 t15=70", "Z2", ""),
                row("two smoke sensors in one zone", "s0=15 s1=15", "Z1", ""),
                row("heat in each of two zones", "t05=70 t15=70", "", "Z1 Z2"),
                row("water is no fire criterion", "lvl0=200 t05=70", "", "Z1"),
                row("a faulty sensor does not count", "t13=70 t14=CRC_ERROR", "", "Z2"),
                row("a criterion from a failing sensor does not count", "t13=OUT_OF_RANGE s2=15", "", "Z2"),
                row("only faulty sensors: no fire, no pre-alarm", "t13=NO_RESPONSE t14=CRC_ERROR", "", ""),
                row("smoke over the threshold but under debounce counts once debounced", "s3=15 t19=70", "Z2", ""));
    }

    private static Arguments row(String name, String sensors, String fireZones, String preZones) {
        return Arguments.of(name, sensors, words(fireZones), words(preZones));
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides_each_row(String name, String sensors, List<String> fireZones, List<String> preZones) {
        EngineFixture fixture = new EngineFixture();
        fixture.run(Duration.ofSeconds(30), Duration.ofSeconds(2));
        for (String setting : words(sensors)) {
            String[] parts = setting.split("=");
            if (Character.isDigit(parts[1].charAt(0))) {
                fixture.set(parts[0], Double.parseDouble(parts[1]));
            } else {
                fixture.fail(parts[0], Quality.valueOf(parts[1]));
            }
        }

        fixture.run(Duration.ofSeconds(60), Duration.ofSeconds(2));

        assertThat(fixture.active(AlarmType.FIRE)).extracting(ActiveAlarm::zone)
                .containsExactlyInAnyOrderElementsOf(fireZones);
        assertThat(fixture.active(AlarmType.PRE_ALARM)).extracting(ActiveAlarm::zone)
                .containsExactlyInAnyOrderElementsOf(preZones);
    }

    @ParameterizedTest(name = "call point {0}")
    @MethodSource("callPoints")
    void a_manual_call_point_is_fire_at_once(String ignored) {
        EngineFixture fixture = new EngineFixture();
        fixture.run(Duration.ofSeconds(10), Duration.ofSeconds(2));

        fixture.edge("mcp0", true);

        assertThat(fixture.events(AlarmType.FIRE, AlarmEventKind.RAISED)).singleElement().satisfies(fire -> {
            assertThat(fire.zone()).isEqualTo("Z1");
            assertThat(fire.positionM()).isEqualTo(0.0);
            assertThat(fire.sensors()).containsExactly("mcp0");
            assertThat(fire.at()).isEqualTo(fixture.now());
            assertThat(fire.reason()).contains("manual call point mcp0");
        });
    }

    static Stream<String> callPoints() {
        return Stream.of("mcp0");
    }
}
