package io.ductwatch.config;

import java.nio.file.Path;
import java.time.Duration;

/** The hardware watchdog: kicked while the loop is healthy, so a hung gateway reboots. */
public record WatchdogConfig(boolean enabled, Path device, Duration timeout) {
}
