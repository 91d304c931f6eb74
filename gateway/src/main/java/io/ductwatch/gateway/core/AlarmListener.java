package io.ductwatch.gateway.core;

import java.util.List;

/**
 * Receives what the rule engine decides. Called on the engine's caller thread while the engine holds
 * its lock, so implementations return at once: drive a GPIO, put the event in a queue.
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
