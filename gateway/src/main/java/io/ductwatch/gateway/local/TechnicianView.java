package io.ductwatch.gateway.local;

import io.ductwatch.gateway.core.CommandResult;
import io.ductwatch.gateway.core.Reading;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The gateway as a technician in the duct sees and changes it through the local API. */
public interface TechnicianView {

    Instant now();

    /** The gateway's status, as published on the MQTT {@code status} topic (JSON). */
    byte[] status();

    /** The active alarms, as published on {@code alarms/active} (JSON). */
    byte[] activeAlarmsJson();

    /** The latest reading of each sensor that has read at all. */
    Map<String, Reading> latestReadings();

    CommandResult acknowledge(String alarmId, String operator);

    CommandResult reset(Optional<String> zone, String operator);
}
