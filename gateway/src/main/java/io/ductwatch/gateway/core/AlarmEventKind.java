package io.ductwatch.gateway.core;

/** The steps of an alarm's lifecycle; each one is published as an alarm event. */
public enum AlarmEventKind {
    /** The condition started. */
    RAISED,
    /** A FIRE's or PRE_ALARM's estimate moved: position by 0.5 m or more, its sensors or its extent. */
    UPDATED,
    /** An operator acknowledged it; the alarm stays active. */
    ACKNOWLEDGED,
    /** The condition went (alarms that do not latch). */
    CLEARED,
    /** An operator reset a latched alarm (FIRE). */
    RESET
}
