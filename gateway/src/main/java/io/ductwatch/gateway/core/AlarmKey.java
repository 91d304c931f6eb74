package io.ductwatch.gateway.core;

import java.util.Objects;

/**
 * What an active alarm is about, unique among the active alarms: its type, what kind of thing it concerns
 * and which one ({@code FIRE} of zone {@code Z2}, {@code HEAT} of sensor {@code t07}, {@code TROUBLE} of the
 * gateway's {@code store}). A condition that holds again finds its alarm by this key.
 *
 * @param about what kind of thing: {@code zone}, {@code sensor}, {@code door}, {@code mains}, {@code battery},
 *              {@code disabled}, {@code test} or {@code system}
 */
public record AlarmKey(AlarmType type, String about, String id) {

    public AlarmKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(about, "about");
        Objects.requireNonNull(id, "id");
    }

    /** A zone's verdict: its FIRE or PRE_ALARM. */
    static AlarmKey zone(AlarmType type, String zone) {
        return new AlarmKey(type, "zone", zone);
    }

    /** A sensor's own alarm: its criterion (HEAT, SMOKE, CO, WATER) or its TROUBLE. */
    static AlarmKey sensor(AlarmType type, String sensorId) {
        return new AlarmKey(type, "sensor", sensorId);
    }

    /** {@code FIRE:zone:Z2}, as logs show it. */
    @Override
    public String toString() {
        return type + ":" + about + ":" + id;
    }
}
