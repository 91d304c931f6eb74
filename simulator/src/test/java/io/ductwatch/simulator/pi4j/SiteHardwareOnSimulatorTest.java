package io.ductwatch.simulator.pi4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import io.ductwatch.gateway.core.Quality;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.sensor.SensorDriver;
import io.ductwatch.gateway.sensor.SiteHardware;
import io.ductwatch.gateway.sensor.SupervisedLine;
import io.ductwatch.simulator.ManualClock;
import io.ductwatch.simulator.device.ChipFault;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example site's real drivers, opened on its emulated hardware: every sensor reads, every fault shows. */
class SiteHardwareOnSimulatorTest {

    static final Path EXAMPLE = Path.of(System.getProperty("basedir", "."))
            .resolve("../firmware-config/sites/example-duct.yaml").normalize();
    static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final List<Reading> edges = new CopyOnWriteArrayList<>();
    private SimulatedHardware hardware;
    private SiteHardware site;

    @BeforeEach
    void open() throws Exception {
        SiteConfig config = SiteLoader.load(EXAMPLE);
        hardware = SimulatedHardware.of(config, clock);
        site = SiteHardware.open(config, hardware.context(), hardware.w1(), clock, edges::add);
    }

    @AfterEach
    void close() {
        site.close();
        hardware.close();
    }

    private Map<String, Reading> readAll() {
        List<Reading> readings = new ArrayList<>();
        for (SensorDriver driver : site.drivers()) {
            driver.start();
        }
        clock.advance(java.time.Duration.ofMillis(20));
        for (SensorDriver driver : site.drivers()) {
            readings.addAll(driver.collect(clock.get()));
        }
        return readings.stream().collect(Collectors.toMap(Reading::sensorId, Function.identity(), (a, b) -> a));
    }

    @Test
    void every_sensor_of_the_example_site_reads_ok_when_idle() {
        Map<String, Reading> readings = readAll();

        assertThat(readings).hasSize(35);
        assertThat(readings.values()).allSatisfy(r -> assertThat(r.quality()).as(r.sensorId() + " " + r.detail())
                .isEqualTo(Quality.OK));
        assertThat(readings.get("t07").value()).isEqualTo(20.0);
        assertThat(readings.get("s2").value()).isCloseTo(0.0, within(0.01));
        assertThat(readings.get("w0").isActive()).isFalse();
        assertThat(readings.get("mcp0").isActive()).isFalse();
        assertThat(hardware.w1().bulkConversions()).isEqualTo(1);
    }

    @Test
    void values_set_in_the_simulator_reach_the_drivers() {
        hardware.setTemperature("t12", 63.5);
        hardware.setLoopValue("s2", 11.0);
        hardware.setLoopValue("co0", 120.0);
        hardware.setLoopValue("lvl1", 35.0);
        hardware.setContact("w1", true);
        hardware.setTemperature("cab", 31.0);

        Map<String, Reading> readings = readAll();

        assertThat(readings.get("t12").value()).isEqualTo(63.5);
        assertThat(readings.get("s2").value()).isCloseTo(11.0, within(0.01));
        assertThat(readings.get("co0").value()).isCloseTo(120.0, within(0.2));
        assertThat(readings.get("lvl1").value()).isCloseTo(35.0, within(0.5));
        assertThat(readings.get("w1").isActive()).isTrue();
        assertThat(readings.get("cab").value()).isCloseTo(31.0, within(0.01));
    }

    @Test
    void a_call_point_edge_arrives_at_once_stamped_with_the_clock() {
        clock.advance(java.time.Duration.ofSeconds(42));
        hardware.setContact("mcp0", true);

        assertThat(edges).singleElement().satisfies(edge -> {
            assertThat(edge.sensorId()).isEqualTo("mcp0");
            assertThat(edge.isActive()).isTrue();
            assertThat(edge.at()).isEqualTo(T0.plusSeconds(42));
        });
    }

    @Test
    void each_injected_fault_shows_as_a_quality_and_nothing_throws() {
        hardware.setFault("t03", ChipFault.CORRUPT);
        hardware.setFault("t04", ChipFault.DISCONNECT);
        hardware.setFault("s1", ChipFault.DISCONNECT);
        hardware.setFault("lvl0", ChipFault.DROPOUT);
        hardware.setFault("cab", ChipFault.NACK);
        hardware.setLine("w0", SupervisedLine.State.OPEN);

        Map<String, Reading> readings = readAll();

        assertThat(readings.get("t03").quality()).isEqualTo(Quality.CRC_ERROR);
        assertThat(readings.get("t04").quality()).isEqualTo(Quality.NO_RESPONSE);
        assertThat(readings.get("s1").quality()).isEqualTo(Quality.OUT_OF_RANGE);
        assertThat(readings.get("lvl0").quality()).isEqualTo(Quality.NO_RESPONSE);
        assertThat(readings.get("cab").quality()).isEqualTo(Quality.NO_RESPONSE);
        assertThat(readings.get("w0").quality()).isEqualTo(Quality.OUT_OF_RANGE);
        assertThat(readings.get("t05").isOk()).isTrue();
        assertThat(readings.get("s0").isOk()).isTrue();
    }

    @Test
    void outputs_start_in_their_fail_safe_state_and_follow_the_gateway() {
        assertThat(hardware.outputActive("siren")).isFalse();
        assertThat(hardware.outputActive("panel")).isFalse();

        site.outputs().get("siren").set(true);
        assertThat(hardware.outputActive("siren")).isTrue();

        site.close();
        assertThat(hardware.outputActive("siren")).isFalse();
    }

    /**
     * Every fault mode on one sensor of each bus: the quality the driver reports, never an exception.
     * Intermittent faults fail every other read; an analog channel has no checksum, so a corrupted
     * transfer shows as a failed read there.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1} -> {2}, intermittent {3}")
    @org.junit.jupiter.params.provider.CsvSource({
            "t07, NACK, NO_RESPONSE, false", "t07, CORRUPT, CRC_ERROR, false", "t07, STUCK, OK, false", "t07, DROPOUT, NO_RESPONSE, true",
            "t07, DISCONNECT, NO_RESPONSE, false", "t07, SLOW, OK, false", "cab, NACK, NO_RESPONSE, false", "cab, CORRUPT, CRC_ERROR, false",
            "cab, STUCK, OK, false", "cab, DROPOUT, NO_RESPONSE, true", "cab, DISCONNECT, NO_RESPONSE, false", "cab, SLOW, OK, false",
            "s1, NACK, NO_RESPONSE, false", "s1, CORRUPT, NO_RESPONSE, true", "s1, STUCK, OK, false", "s1, DROPOUT, NO_RESPONSE, true",
            "s1, DISCONNECT, OUT_OF_RANGE, false", "s1, SLOW, OK, false", "w0, NACK, NO_RESPONSE, false", "w0, CORRUPT, NO_RESPONSE, true",
            "w0, STUCK, OK, false", "w0, DROPOUT, NO_RESPONSE, true", "w0, DISCONNECT, OUT_OF_RANGE, false", "w0, SLOW, OK, false"})
    void every_fault_mode_maps_to_a_quality(String sensorId, ChipFault fault, Quality expected,
                                            boolean intermittent) {
        readAll();
        hardware.setFault(sensorId, fault);
        Reading first = readAll().get(sensorId);
        clock.advance(java.time.Duration.ofSeconds(1)); // past a supervised line's debounce

        Reading reading = readAll().get(sensorId);

        if (intermittent) {
            assertThat(List.of(first.quality(), reading.quality())).containsExactlyInAnyOrder(expected, Quality.OK);
        } else {
            assertThat(reading.quality()).as(reading.detail()).isEqualTo(expected);
        }
        if (sensorId.equals("w0") && fault == ChipFault.DISCONNECT) {
            assertThat(reading.detail()).contains("line open");
        }
    }
}
