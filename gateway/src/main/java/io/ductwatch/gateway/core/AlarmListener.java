package io.ductwatch.gateway.core;

import java.util.List;

/**
 * Receives what the rule engine decides, in the order it was decided. Called by the engine's
 * {@code AlarmDispatcher} on the thread of one of the engine's callers (the sampling loop, the GPIO
 * listener, a command), after the engine released its lock, one call at a time; listeners are called in
 * the order given to the engine (the local outputs first). Implementations return at once and never
 * block on the disk or the network: drive a GPIO, hand the event on. They may call the engine.
 */
public interface AlarmListener {

    /** One lifecycle step of one alarm. */
    void onEvent(AlarmEvent event);

    /** The whole set of active alarms, after every change (DESIGN 2.2 {@code alarms/active}). */
    default void onActiveChanged(List<ActiveAlarm> active) {
    }

    /** An operator command, or an expiry, for the audit trail. */
    default void onAudit(AuditEntry entry) {
    }
}
