package io.ductwatch.gateway.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.gateway.core.VirtualScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watchdog on a plain file standing in for /dev/watchdog. */
class HardwareWatchdogTest {

    @TempDir
    Path dir;

    @Test
    void kicks_while_healthy_withholds_when_not_and_disarms_on_stop() throws Exception {
        Path device = Files.createFile(dir.resolve("watchdog"));
        VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-11-27T00:00:00Z"));
        AtomicBoolean healthy = new AtomicBoolean(true);
        HardwareWatchdog watchdog = new HardwareWatchdog(device, Duration.ofSeconds(15), healthy::get);

        watchdog.start(scheduler);
        scheduler.advance(Duration.ofSeconds(20));
        assertThat(Files.readString(device)).isEqualTo("kkkkk");

        healthy.set(false);
        scheduler.advance(Duration.ofSeconds(20));
        assertThat(Files.readString(device)).isEqualTo("kkkkk");

        healthy.set(true);
        scheduler.advance(Duration.ofSeconds(5));
        watchdog.stop();
        watchdog.stop();
        scheduler.advance(Duration.ofSeconds(20));
        assertThat(Files.readString(device)).isEqualTo("kkkkkkV");
    }
}
