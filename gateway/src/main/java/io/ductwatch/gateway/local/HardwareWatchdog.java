package io.ductwatch.gateway.local;

import io.ductwatch.gateway.core.Scheduler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux hardware watchdog ({@code /dev/watchdog}): opened at start, written a byte every third of
 * its timeout while the loop is healthy, so a hung gateway is rebooted by the hardware. An orderly stop
 * writes the magic 'V' before closing, which disarms it (Linux Documentation/watchdog/watchdog-api.rst,
 * "Magic Close"). {@link #stop()} is idempotent; a stopped watchdog does not restart.
 */
public final class HardwareWatchdog {

    private static final Logger LOG = LoggerFactory.getLogger(HardwareWatchdog.class);

    private final Path device;
    private final Duration timeout;
    private final BooleanSupplier healthy;
    private OutputStream out;
    private Scheduler.Cancellable task;
    private boolean withheld;

    public HardwareWatchdog(Path device, Duration timeout, BooleanSupplier healthy) {
        this.device = device;
        this.timeout = timeout;
        this.healthy = healthy;
    }

    /** Opens the device and starts kicking it. */
    public synchronized void start(Scheduler scheduler) throws IOException {
        out = Files.newOutputStream(device, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        Duration interval = timeout.dividedBy(3);
        task = scheduler.scheduleAtFixedRate(Duration.ZERO, interval, this::kick);
        LOG.info("watchdog {} armed: kicked every {} ms while the loop is healthy", device, interval.toMillis());
    }

    private synchronized void kick() {
        if (out == null) {
            return;
        }
        if (!healthy.getAsBoolean()) {
            if (!withheld) {
                LOG.error("loop unhealthy: withholding the watchdog kick; the board reboots in {} s unless it recovers",
                        timeout.toSeconds());
                withheld = true;
            }
            return;
        }
        withheld = false;
        try {
            out.write('k');
            out.flush();
        } catch (IOException e) {
            LOG.error("cannot kick the watchdog {}: {}", device, e.getMessage());
        }
    }

    /** Disarms with the magic close and stops kicking. */
    public synchronized void stop() {
        if (task != null) {
            task.cancel();
            task = null;
        }
        if (out != null) {
            try {
                out.write('V');
                out.close();
            } catch (IOException e) {
                LOG.warn("watchdog {}: magic close failed ({}); the board may reboot", device, e.getMessage());
            }
            out = null;
        }
    }
}
