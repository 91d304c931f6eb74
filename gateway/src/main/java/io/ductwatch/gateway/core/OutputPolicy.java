package io.ductwatch.gateway.core;

import io.ductwatch.config.OutputConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which local outputs should be on, given the active alarms: an output is on while an alarm of one of
 * its {@code on} types is active in one of its zones, unless an alarm of an {@code inhibitOn} type is;
 * a silenceable output ignores silenced alarms; alarms of a zone in test drive nothing. Site-wide
 * conditions (no zone) drive outputs that name no zones. Pure and thread-safe.
 */
public final class OutputPolicy {

    private OutputPolicy() {
    }

    public static Map<String, Boolean> decide(List<OutputConfig> outputs, List<ActiveAlarm> active) {
        Map<String, Boolean> states = new LinkedHashMap<>();
        for (OutputConfig output : outputs) {
            List<ActiveAlarm> relevant = active.stream().filter(a -> !a.test())
                    .filter(a -> output.zones().map(zones -> zones.contains(a.zone())).orElse(true)).toList();
            boolean inhibited = relevant.stream().anyMatch(a -> output.inhibitOn().contains(a.type().name()));
            boolean driven = relevant.stream().anyMatch(a -> output.on().contains(a.type().name())
                    && !(output.silenceable() && a.silenced()));
            states.put(output.id(), driven && !inhibited);
        }
        return states;
    }
}
