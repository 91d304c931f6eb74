package io.ductwatch.gateway.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The active alarms and their lifecycle: an alarm is RAISED when its condition starts, may be
 * ACKNOWLEDGED, and is CLEARED when the condition goes, except a FIRE outside test mode, which latches
 * until an operator RESETs it. Every step is posted to the listeners' dispatcher as it happens. Not
 * thread-safe: the engine owns it.
 */
final class AlarmBoard {

    /** A FIRE's estimated position moving by this much or more is news: an UPDATED event, m. */
    static final double MOVED_M = 0.5;

    private final Map<AlarmKey, ActiveAlarm> active = new LinkedHashMap<>();
    private final Supplier<String> ids;
    private final AlarmDispatcher dispatcher;
    private boolean changed;

    AlarmBoard(Supplier<String> ids, AlarmDispatcher dispatcher) {
        this.ids = ids;
        this.dispatcher = dispatcher;
    }

    /** A condition holds: raises its alarm if it is not active yet. */
    void hold(AlarmKey key, AlarmType type, String zone, double positionM, List<String> sensors, double value,
              String unit, String reason, boolean test, Instant at) {
        hold(key, type, zone, positionM, sensors, value, unit, reason, test, at, null);
    }

    /** A condition holds: raises its alarm, with the stretch of duct it covers, if it is not active yet. */
    void hold(AlarmKey key, AlarmType type, String zone, double positionM, List<String> sensors, double value,
              String unit, String reason, boolean test, Instant at, Extent extent) {
        ActiveAlarm existing = active.get(key);
        if (existing != null) {
            if (!existing.conditionPresent()) {
                active.put(key, existing.withCondition(true));
                changed = true;
            }
            return;
        }
        ActiveAlarm alarm = new ActiveAlarm(ids.get(), key, type, zone, positionM, sensors, value, unit, reason,
                test, true, false, false, at, extent, extent, at);
        active.put(key, alarm);
        changed = true;
        emit(alarm.event(AlarmEventKind.RAISED, at));
    }

    /**
     * A better estimate of an active FIRE or PRE_ALARM: when its position moved by {@link #MOVED_M} or more, or
     * its sensors or extent changed, it takes the estimate and an UPDATED event says so, at most one per
     * instant (one per sampling cycle).
     */
    void refine(AlarmKey key, double positionM, List<String> sensors, Extent extent, Instant at) {
        ActiveAlarm existing = active.get(key);
        if (existing == null || existing.extent() == null || at.equals(existing.updatedAt())
                || Double.isNaN(positionM)) {
            return;
        }
        boolean moved = Double.isNaN(existing.positionM()) || Math.abs(positionM - existing.positionM()) >= MOVED_M;
        boolean other = !sensors.equals(existing.sensors()) || extent.fromM() != existing.extent().fromM()
                || extent.toM() != existing.extent().toM();
        if (!moved && !other) {
            return;
        }
        ActiveAlarm refined = existing.withEstimate(positionM, sensors, extent, at);
        active.put(key, refined);
        changed = true;
        emit(refined.event(AlarmEventKind.UPDATED, at));
    }

    /** The condition of an active alarm holds again (a latched FIRE whose condition came back). */
    void reassert(AlarmKey key) {
        ActiveAlarm existing = active.get(key);
        if (existing != null && !existing.conditionPresent()) {
            active.put(key, existing.withCondition(true));
            changed = true;
        }
    }

    /** A condition went: clears its alarm, or leaves a latched FIRE standing without its condition. */
    void release(AlarmKey key, Instant at) {
        ActiveAlarm existing = active.get(key);
        if (existing == null || !existing.conditionPresent() && latches(existing)) {
            return;
        }
        if (latches(existing)) {
            active.put(key, existing.withCondition(false));
            changed = true;
            return;
        }
        active.remove(key);
        changed = true;
        emit(existing.event(AlarmEventKind.CLEARED, at));
    }

    boolean isActive(AlarmKey key) {
        return active.containsKey(key);
    }

    Optional<ActiveAlarm> get(AlarmKey key) {
        return Optional.ofNullable(active.get(key));
    }

    /** Acknowledges the alarms that match and are not acknowledged yet; returns how many. */
    int acknowledge(Predicate<ActiveAlarm> which, Instant at) {
        int count = 0;
        for (Map.Entry<AlarmKey, ActiveAlarm> entry : new ArrayList<>(active.entrySet())) {
            ActiveAlarm alarm = entry.getValue();
            if (which.test(alarm) && !alarm.acknowledged()) {
                ActiveAlarm acked = alarm.acknowledge();
                active.put(entry.getKey(), acked);
                changed = true;
                count++;
                emit(acked.event(AlarmEventKind.ACKNOWLEDGED, at));
            }
        }
        return count;
    }

    /**
     * Resets the latched alarms that match and whose condition has gone; returns how many. A latched
     * alarm whose condition still holds (a FIRE still burning) stays as it is, acknowledgement included.
     */
    int reset(Predicate<ActiveAlarm> which, Instant at) {
        int count = 0;
        for (ActiveAlarm alarm : new ArrayList<>(active.values())) {
            if (latches(alarm) && which.test(alarm) && !alarm.conditionPresent()) {
                active.remove(alarm.key());
                changed = true;
                count++;
                emit(alarm.event(AlarmEventKind.RESET, at));
            }
        }
        return count;
    }

    /** The latched alarms that match and whose condition still holds: a reset leaves them. */
    List<ActiveAlarm> stillPresent(Predicate<ActiveAlarm> which) {
        return active.values().stream().filter(a -> latches(a) && a.conditionPresent() && which.test(a)).toList();
    }

    /** Silences every active alarm; returns how many were not silenced yet. */
    int silence() {
        int count = 0;
        for (Map.Entry<AlarmKey, ActiveAlarm> entry : new ArrayList<>(active.entrySet())) {
            if (!entry.getValue().silenced()) {
                active.put(entry.getKey(), entry.getValue().silence());
                changed = true;
                count++;
            }
        }
        return count;
    }

    List<ActiveAlarm> all() {
        return List.copyOf(active.values());
    }

    /** Tells the listeners the new active set, if it changed since the last call. */
    void publishIfChanged() {
        if (changed) {
            changed = false;
            List<ActiveAlarm> snapshot = all();
            dispatcher.post(listener -> listener.onActiveChanged(snapshot));
        }
    }

    private static boolean latches(ActiveAlarm alarm) {
        return alarm.type() == AlarmType.FIRE && !alarm.test();
    }

    private void emit(AlarmEvent event) {
        dispatcher.post(listener -> listener.onEvent(event));
    }
}
