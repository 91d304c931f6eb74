package io.ductwatch.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's own conditions, judged by one policy ticked on a virtual scheduler: each becomes a TROUBLE
 * while it holds and clears when it goes, within one period.
 */
class GatewayHealthTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    private static final long CAP = 100L << 20;

    private final EngineFixture fixture = new EngineFixture();
    private final VirtualScheduler scheduler = new VirtualScheduler(T0);
    private final AtomicReference<Duration> down = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<GatewayHealth.ForeignWrite> foreign = new AtomicReference<>();
    private final AtomicBoolean synced = new AtomicBoolean(true);
    private final AtomicBoolean writeFailing = new AtomicBoolean();
    private final AtomicLong failedWrites = new AtomicLong();
    private final AtomicLong size = new AtomicLong(1 << 20);
    private final AtomicReference<List<String>> expiring = new AtomicReference<>(List.of());
    private Optional<Path> recovered = Optional.empty();

    @BeforeEach
    void start() {
        GatewayHealth.UplinkPort uplink = new GatewayHealth.UplinkPort() {
            @Override
            public Duration downFor() {
                return down.get();
            }

            @Override
            public Optional<GatewayHealth.ForeignWrite> lastForeignWrite() {
                return Optional.ofNullable(foreign.get());
            }
        };
        GatewayHealth.StorePort store = new GatewayHealth.StorePort() {
            @Override
            public boolean writeFailing() {
                return writeFailing.get();
            }

            @Override
            public long failedWrites() {
                return failedWrites.get();
            }

            @Override
            public String lastWriteFailure() {
                return "disk full";
            }

            @Override
            public long uncommittedBytes() {
                return 4096;
            }

            @Override
            public long sizeBytes() {
                return size.get();
            }

            @Override
            public long pending() {
                return 42;
            }

            @Override
            public Optional<Path> recoveredFrom() {
                return recovered;
            }
        };
        new GatewayHealth(fixture.engine, scheduler, () -> scheduler.now().toEpochMilli(), fixture.site.rules().trouble(), CAP, uplink, store,
                synced::get, "no NTP yet", (margin, at) -> expiring.get()).start();
    }

    private void pass(Duration duration) {
        scheduler.advance(duration);
    }

    private List<String> troubles() {
        return fixture.engine.activeAlarms().stream().filter(a -> a.type() == AlarmType.TROUBLE)
                .map(ActiveAlarm::reason).toList();
    }

    @Test
    void a_healthy_gateway_has_no_trouble() {
        pass(Duration.ofMinutes(5));
        assertThat(troubles()).isEmpty();
    }

    @Test
    void an_uplink_down_too_long_is_trouble_until_it_is_back() {
        down.set(fixture.site.rules().trouble().uplinkDown());
        pass(GatewayHealth.PERIOD);
        assertThat(troubles()).singleElement().asString().startsWith("uplink down for").contains("42 messages kept");

        down.set(Duration.ZERO);
        pass(GatewayHealth.PERIOD);
        assertThat(troubles()).isEmpty();
    }

    @Test
    void the_clock_is_judged_at_every_tick_so_a_late_ntp_sync_clears_it() {
        synced.set(false);
        pass(GatewayHealth.PERIOD);
        assertThat(troubles()).containsExactly("clock not synced: no NTP yet");

        synced.set(true);
        pass(GatewayHealth.PERIOD);
        assertThat(troubles()).isEmpty();
    }

    @Test
    void a_write_that_failed_between_two_looks_is_trouble_until_writes_succeed() {
        pass(Duration.ofSeconds(5));
        failedWrites.set(3);
        pass(GatewayHealth.PERIOD);
        assertThat(troubles()).singleElement().asString().startsWith("store cannot write (disk full)");

        pass(GatewayHealth.PERIOD);
        assertThat(troubles()).isEmpty();
    }

    @Test
    void a_store_near_its_cap_is_trouble() {
        size.set(CAP * 95 / 100);
        pass(GatewayHealth.PERIOD);
        assertThat(troubles()).singleElement().asString().startsWith("store 95 % full");
    }

    @Test
    void a_certificate_near_expiry_is_trouble() {
        expiring.set(List.of("CN=gw01 expires 2026-12-10T00:00:00Z"));
        pass(GatewayHealth.PERIOD);
        assertThat(troubles()).containsExactly("TLS certificate near expiry: CN=gw01 expires 2026-12-10T00:00:00Z");
    }

    @Test
    void a_foreign_publisher_is_trouble_that_clears_ten_minutes_after_the_last_one() {
        pass(Duration.ofSeconds(5));
        foreign.set(new GatewayHealth.ForeignWrite(scheduler.now().toEpochMilli(), "ductwatch/example-duct/gw01/status"));
        pass(GatewayHealth.PERIOD);
        assertThat(troubles()).singleElement().asString()
                .startsWith("foreign publisher on my topics (ductwatch/example-duct/gw01/status)");

        pass(GatewayHealth.FOREIGN_CLEARS_AFTER.minus(GatewayHealth.PERIOD.multipliedBy(2)));
        assertThat(troubles()).hasSize(1);
        pass(GatewayHealth.PERIOD.multipliedBy(2));
        assertThat(troubles()).isEmpty();
    }

    @Test
    void a_store_found_corrupt_at_start_is_trouble() {
        recovered = Optional.of(Path.of("/var/lib/ductwatch/ductwatch.db.corrupt-1"));
        pass(GatewayHealth.PERIOD);
        assertThat(troubles()).singleElement().asString().contains("kept aside as /var/lib/ductwatch/ductwatch.db.corrupt-1");
    }
}
