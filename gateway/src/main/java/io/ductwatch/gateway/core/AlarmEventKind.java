package io.ductwatch.gateway.core;

/** The steps of an alarm's lifecycle; each one is published as an alarm event. */
public enum AlarmEventKind {
    /** The condition started. */
    RAISED,
    /** An operator acknowledged it; the alarm stays active. */
    ACKNOWLEDGED,
    /** The condition went (alarms that do not latch). */
    CLEARED,
    /** An operator reset a latched alarm (FIRE). */
    RESET
}
