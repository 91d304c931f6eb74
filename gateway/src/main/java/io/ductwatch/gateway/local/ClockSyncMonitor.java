package io.ductwatch.gateway.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the system clock is known to be right. A Raspberry Pi 4 has no real-time clock: until NTP
 * synchronises, its time is a guess carried over from the last shutdown. systemd-timesyncd marks a
 * completed synchronisation by creating {@code /run/systemd/timesync/synchronized} (systemd-timesyncd
 * .service(8)). Until the marker exists the gateway reports a TROUBLE ("clock not synced") and marks
 * what it sends {@code timeSynced: false}.
 */
public final class ClockSyncMonitor {

    public static final Path TIMESYNCD_MARKER = Path.of("/run/systemd/timesync/synchronized");

    private final Path marker;

    public ClockSyncMonitor(Path marker) {
        this.marker = marker;
    }

    public boolean synced() {
        return Files.exists(marker);
    }
}
