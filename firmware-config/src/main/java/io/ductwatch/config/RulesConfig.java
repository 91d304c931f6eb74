package io.ductwatch.config;

import java.time.Duration;

/**
 * Alarm rules per kind (site file {@code rules}). Thresholds come with hysteresis: a state is entered
 * at {@code alarmAt} and left below {@code clearAt}, each after holding for {@code debounce}.
 */
public record RulesConfig(String heatPreset, Threshold smoke, Threshold co, Threshold water, Trouble trouble) {

    /** An analog threshold in the kind's unit. */
    public record Threshold(double alarmAt, double clearAt, Duration debounce) {
    }

    /** When faults become TROUBLE. */
    public record Trouble(Duration silent, Duration stuck, double storageWarnPct, Duration uplinkDown,
                          int certificateWarnDays) {
    }
}
