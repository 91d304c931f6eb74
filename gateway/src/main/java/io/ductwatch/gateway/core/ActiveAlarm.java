package io.ductwatch.gateway.core;

import java.time.Instant;
import java.util.List;

/**
 * An alarm that is active now: raised and not yet cleared or reset. Immutable; the engine replaces it
 * when something about it changes.
 *
 * @param key              what it is about (FIRE of zone Z2, HEAT of sensor t07); unique among active alarms
 * @param conditionPresent whether its condition still holds (a latched FIRE may outlive it)
 * @param acknowledged     whether an operator acknowledged it
 * @param silenced         whether an operator silenced it (silenceable outputs ignore it)
 * @param raisedAt         when it was raised
 * @param extent           for a FIRE or PRE_ALARM, the stretch its effects cover; null for the others
 * @param firstExtent      the extent when it was raised, to judge its spread; null for the others
 * @param updatedAt        when its estimate last changed (raised, or the last UPDATED)
 */
public record ActiveAlarm(String alarmId, AlarmKey key, AlarmType type, String zone, double positionM,
                          List<String> sensors, double value, String unit, String reason, boolean test,
                          boolean conditionPresent, boolean acknowledged, boolean silenced, Instant raisedAt,
                          Extent extent, Extent firstExtent, Instant updatedAt) {

    public ActiveAlarm {
        sensors = List.copyOf(sensors);
    }

    AlarmEvent event(AlarmEventKind kind, Instant at) {
        return new AlarmEvent(alarmId, type, kind, zone, positionM, sensors, value, unit, reason, test, at, extent);
    }

    ActiveAlarm withCondition(boolean present) {
        return new ActiveAlarm(alarmId, key, type, zone, positionM, sensors, value, unit, reason, test, present,
                acknowledged, silenced, raisedAt, extent, firstExtent, updatedAt);
    }

    ActiveAlarm acknowledge() {
        return new ActiveAlarm(alarmId, key, type, zone, positionM, sensors, value, unit, reason, test,
                conditionPresent, true, silenced, raisedAt, extent, firstExtent, updatedAt);
    }

    ActiveAlarm silence() {
        return new ActiveAlarm(alarmId, key, type, zone, positionM, sensors, value, unit, reason, test,
                conditionPresent, acknowledged, true, raisedAt, extent, firstExtent, updatedAt);
    }

    /** The same alarm with a new estimate of where it is and what it covers. */
    ActiveAlarm withEstimate(double newPositionM, List<String> newSensors, Extent newExtent, Instant at) {
        return new ActiveAlarm(alarmId, key, type, zone, newPositionM, newSensors, value, unit, reason, test,
                conditionPresent, acknowledged, silenced, raisedAt, newExtent.since(firstExtent), firstExtent, at);
    }
}
