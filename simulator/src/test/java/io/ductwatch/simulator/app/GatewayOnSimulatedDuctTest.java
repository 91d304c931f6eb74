package io.ductwatch.simulator.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import io.ductwatch.gateway.app.GatewayRuntime;
import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmEventKind;
import io.ductwatch.gateway.core.AlarmListener;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.VirtualScheduler;
import io.ductwatch.simulator.device.ChipFault;
import io.ductwatch.simulator.pi4j.SimulatedHardware;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's real wiring (drivers, loop, engine, outputs) on the example site's emulated hardware, in
 * virtual time: site file, simulated chips, rules, alarms and relays, end to end.
 */
class GatewayOnSimulatedDuctTest {

    private static final Path EXAMPLE = Path.of(System.getProperty("basedir", "."))
            .resolve("../firmware-config/sites/example-duct.yaml").normalize();
    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    private final VirtualScheduler scheduler = new VirtualScheduler(T0);
    private final List<AlarmEvent> events = new CopyOnWriteArrayList<>();
    private SimulatedHardware duct;
    private GatewayRuntime gateway;

    @BeforeEach
    void start() throws Exception {
        SiteConfig site = SiteLoader.load(EXAMPLE);
        duct = SimulatedHardware.of(site, scheduler::now);
        AtomicInteger ids = new AtomicInteger();
        AlarmListener recorder = events::add;
        gateway = GatewayRuntime.start(site, duct.context(), duct.w1(), scheduler, () -> 0L,
                () -> "sim-" + ids.incrementAndGet(), List.of(recorder), readings -> { });
        scheduler.advance(Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() {
        gateway.close();
        duct.close();
    }

    private List<AlarmEvent> raised(AlarmType type) {
        return events.stream().filter(e -> e.type() == type && e.event() == AlarmEventKind.RAISED).toList();
    }

    @Test
    void an_idle_duct_raises_nothing_for_an_hour() {
        scheduler.advance(Duration.ofHours(1));

        assertThat(events).isEmpty();
        assertThat(duct.outputActive("siren")).isFalse();
    }

    @Test
    void a_call_point_is_fire_and_sounds_the_siren_at_the_same_instant() {
        Instant pressed = scheduler.now();
        duct.setContact("mcp0", true);

        assertThat(raised(AlarmType.FIRE)).singleElement().satisfies(fire -> {
            assertThat(fire.at()).isEqualTo(pressed);
            assertThat(fire.zone()).isEqualTo("Z1");
        });
        assertThat(duct.outputActive("siren")).isTrue();
        assertThat(duct.outputActive("panel")).isTrue();
    }

    @Test
    void heat_at_two_sensors_is_fire_in_their_zone() {
        duct.setTemperature("t12", 70);
        duct.setTemperature("t13", 75);
        scheduler.advance(Duration.ofSeconds(10));

        assertThat(raised(AlarmType.HEAT)).extracting(e -> e.sensors().get(0)).containsExactlyInAnyOrder("t12", "t13");
        assertThat(raised(AlarmType.FIRE)).singleElement().satisfies(f -> assertThat(f.zone()).isEqualTo("Z2"));
        assertThat(duct.outputActive("panel")).isTrue();
    }

    @Test
    void a_disconnected_sensor_is_trouble_within_100_seconds_and_never_fire() {
        Instant broken = scheduler.now();
        duct.setFault("t04", ChipFault.DISCONNECT);
        duct.setLoopValue("s0", 20);
        scheduler.advance(Duration.ofSeconds(100));

        assertThat(raised(AlarmType.TROUBLE)).singleElement().satisfies(t -> {
            assertThat(t.sensors()).containsExactly("t04");
            assertThat(Duration.between(broken, t.at())).isLessThanOrEqualTo(Duration.ofSeconds(100));
            assertThat(t.reason()).contains("not on the 1-Wire bus");
        });
        assertThat(raised(AlarmType.FIRE)).isEmpty();
        assertThat(raised(AlarmType.PRE_ALARM)).singleElement().satisfies(p -> assertThat(p.sensors()).containsExactly("s0"));
    }
}
