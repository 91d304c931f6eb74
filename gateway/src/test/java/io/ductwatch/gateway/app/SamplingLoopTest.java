package io.ductwatch.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import io.ductwatch.gateway.core.ActiveAlarm;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.core.RuleEngine;
import io.ductwatch.gateway.core.VirtualScheduler;
import io.ductwatch.gateway.sensor.SensorDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SamplingLoopTest {

    private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

    private SiteConfig site;
    private final VirtualScheduler scheduler = new VirtualScheduler(T0);
    private final AtomicLong nanos = new AtomicLong();

    /** A driver for t00 that reads 21 °C, counts its cycles, and takes as long as told in real time. */
    private class FakeDriver implements SensorDriver {
        final AtomicInteger starts = new AtomicInteger();
        final Duration conversion;
        long takesNanos;

        FakeDriver(Duration conversion) {
            this.conversion = conversion;
        }

        @Override
        public String name() {
            return "fake t00";
        }

        @Override
        public List<String> sensorIds() {
            return List.of("t00");
        }

        @Override
        public Duration conversionTime() {
            return conversion;
        }

        @Override
        public void start() {
            starts.incrementAndGet();
        }

        @Override
        public List<Reading> collect(Instant at) {
            nanos.addAndGet(takesNanos);
            return List.of(Reading.ok("t00", Quantity.TEMPERATURE, 21.0, at));
        }
    }

    @BeforeEach
    void load() throws Exception {
        site = SiteLoader.load(Path.of(System.getProperty("basedir", "."))
                .resolve("../firmware-config/sites/example-duct.yaml").normalize());
    }

    private RuleEngine engine() {
        return new RuleEngine(site, T0, () -> "a", List.of());
    }

    @Test
    void samples_at_the_sensor_poll_period_and_collects_after_the_conversion() {
        FakeDriver driver = new FakeDriver(Duration.ofMillis(750));
        RuleEngine engine = engine();
        List<Reading> sunk = new ArrayList<>();
        SamplingLoop loop = new SamplingLoop(site, List.of(driver), engine, scheduler, nanos::get, sunk::addAll);

        loop.start();
        scheduler.advance(Duration.ofSeconds(10));

        assertThat(driver.starts.get()).isEqualTo(6); // t00 polls every 2 s: 0, 2, 4, 6, 8, 10
        assertThat(sunk).hasSize(5).allSatisfy(r -> assertThat(r.at().toEpochMilli() % 2000).isEqualTo(750));
        assertThat(engine.latestReadings().get("t00").value()).isEqualTo(21.0);
        assertThat(loop.healthy()).isTrue();
        loop.stop();
    }

    @Test
    void a_stalled_bus_is_trouble_and_clears_when_it_recovers() {
        FakeDriver driver = new FakeDriver(Duration.ZERO);
        driver.takesNanos = Duration.ofSeconds(7).toNanos();
        RuleEngine engine = engine();
        SamplingLoop loop = new SamplingLoop(site, List.of(driver), engine, scheduler, nanos::get, r -> { });

        loop.start();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(engine.activeAlarms()).filteredOn(a -> a.type() == AlarmType.TROUBLE)
                .extracting(ActiveAlarm::reason).containsExactly("fake t00: a read took 7000 ms (bus stall)");

        driver.takesNanos = 0;
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(engine.activeAlarms()).filteredOn(a -> a.reason().contains("bus stall")).isEmpty();
    }

    @Test
    void contact_drivers_are_sampled_every_five_seconds() {
        SensorDriver door = new SensorDriver() {
            @Override
            public String name() {
                return "door";
            }

            @Override
            public List<String> sensorIds() {
                return List.of("door");
            }

            @Override
            public Duration conversionTime() {
                return Duration.ZERO;
            }

            @Override
            public void start() {
            }

            @Override
            public List<Reading> collect(Instant at) {
                return List.of(Reading.ok("door", Quantity.CONTACT, 0, at));
            }
        };
        assertThat(new SamplingLoop(site, List.of(door), engine(), scheduler, nanos::get, r -> { }).period(door))
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void a_driver_blocked_on_its_bus_does_not_delay_the_others() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        FakeDriver stuck = new FakeDriver(Duration.ZERO) {
            @Override
            public List<Reading> collect(Instant at) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.collect(at);
            }
        };
        FakeDriver healthy = new FakeDriver(Duration.ZERO);
        try (ExecutorScheduler real = new ExecutorScheduler(java.time.Clock.systemUTC(), 4)) {
            SamplingLoop loop = new SamplingLoop(site, List.of(stuck, healthy), engine(), real, System::nanoTime,
                    r -> { });
            loop.start();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> healthy.starts.get() >= 3);
            assertThat(stuck.starts.get()).as("the blocked driver skips its turns").isEqualTo(1);
            release.countDown();
            loop.stop();
        }
    }
}
