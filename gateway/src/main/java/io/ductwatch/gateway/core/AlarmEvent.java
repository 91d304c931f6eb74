package io.ductwatch.gateway.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One step in the life of one alarm, as operators receive it (DESIGN 2.2). The publishing layer adds
 * {@code seq}, {@code bootId} and {@code timeSynced}.
 *
 * @param alarmId   the alarm's id, the same for all its events
 * @param type      what kind of alarm
 * @param event     which step
 * @param zone      the zone, or empty for site-wide conditions
 * @param positionM chainage in metres, or {@code NaN} where there is no place (a system fault)
 * @param sensors   the sensors behind it, possibly none
 * @param value     the measured value behind it, or {@code NaN}
 * @param unit      the unit of {@code value}, empty if none
 * @param reason    for people: "rate of rise 14.2 K/min at t07"
 * @param test      whether the zone is in test mode
 * @param at        when it happened
 * @param extent    for a FIRE or PRE_ALARM, the stretch its effects cover; null for the others
 */
public record AlarmEvent(String alarmId, AlarmType type, AlarmEventKind event, String zone, double positionM,
                         List<String> sensors, double value, String unit, String reason, boolean test, Instant at,
                         Extent extent) {

    /** An event of an alarm that has no extent. */
    public AlarmEvent(String alarmId, AlarmType type, AlarmEventKind event, String zone, double positionM,
                      List<String> sensors, double value, String unit, String reason, boolean test, Instant at) {
        this(alarmId, type, event, zone, positionM, sensors, value, unit, reason, test, at, null);
    }

    public AlarmEvent {
        Objects.requireNonNull(alarmId, "alarmId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(zone, "zone");
        sensors = List.copyOf(sensors);
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}
