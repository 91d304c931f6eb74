package io.ductwatch.gateway.core;

/**
 * The kinds of alarm (DESIGN 2.2). HEAT, SMOKE, CO and WATER are one sensor's criterion met; PRE_ALARM
 * and FIRE are a zone's verdict; SUPERVISORY is a condition that needs attention but is no fire (door
 * open, a zone disabled or in test); TROUBLE is a fault of the system itself.
 */
public enum AlarmType {
    HEAT, SMOKE, CO, WATER, PRE_ALARM, FIRE, SUPERVISORY, TROUBLE;

    /** Whether a criterion of this type counts towards a zone's PRE_ALARM and FIRE. */
    public boolean isFireCriterion() {
        return this == HEAT || this == SMOKE || this == CO;
    }
}
