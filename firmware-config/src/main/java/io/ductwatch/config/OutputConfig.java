package io.ductwatch.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A local output on a GPIO pin: siren, fire-panel relay, fan.
 *
 * @param activeHigh   whether a high pin level switches it on
 * @param failSafeOn   state at start-up, on an orderly stop, and whenever the output cannot be decided
 * @param on           alarm types that switch it on
 * @param inhibitOn    alarm types that force it off, over {@code on}
 * @param zones        zones whose alarms drive it; empty: every zone
 * @param silenceable  whether the silence command switches it off while the alarm stays
 */
public record OutputConfig(String id, int pin, boolean activeHigh, boolean failSafeOn, Set<String> on,
                           Set<String> inhibitOn, Optional<List<String>> zones, boolean silenceable) {
}
