package io.ductwatch.gateway.core;

import io.ductwatch.config.RulesConfig;
import io.ductwatch.config.SensorConfig.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Each sensor's own criterion (HEAT, SMOKE, CO, WATER), its SUPERVISORY or TROUBLE contacts (door, mains,
 * battery), and which zones a reading may have changed. Heat is judged against the duct's reference of the
 * cycle, the lower quartile of its heat readings (DESIGN 3: a fire is local; a rise most of the duct sees at once
 * is none). Used by the {@link RuleEngine} under its lock; the zones' verdicts are {@link ZoneVerdict}'s.
 */
final class SensorCriteria {

    /** Fewer heat sensors than this have no reference to judge against: each is judged on its own. */
    static final int MIN_SENSORS_FOR_REFERENCE = 5;
    /**
     * Where the reference lies among the cycle's heat readings, lowest 0, highest 1: the lower quartile. A rise
     * more than three quarters of the heat sensors see at once (the season, a hot start, the ventilation
     * switching) moves it and is no criterion. A fire's hot gas, carried by fast airflow, can cover more than half
     * of a section within half a minute (Memorial Tunnel's jet-fan tests: 20 K and more at every station 100 m
     * downstream), and the median would then be a warmed sensor; the quartile stays with the air upstream.
     */
    static final double REFERENCE_QUANTILE = 0.25;
    /** The per-sensor criteria, in the order of each sensor's criterion keys. */
    private static final List<AlarmType> CRITERION_TYPES = List.of(AlarmType.HEAT, AlarmType.SMOKE, AlarmType.CO,
            AlarmType.WATER);

    private final RulesConfig rules;
    private final Map<String, SensorState> sensors;
    private final AlarmBoard board;
    private final Disablements disablements;
    private final SensorTrouble trouble;
    /** Zones whose verdict may have changed since they were last evaluated; the engine clears it. */
    private final Set<String> dirtyZones;
    private final List<SensorState> heatSensors;
    /** Room for the heat sensors' values of one cycle: the reference without garbage. */
    private final double[] heatValues;
    /** The lower quartile of the heat sensors' readings: the reference each one is judged against; NaN without. */
    private double referenceC = Double.NaN;
    private long cycle;

    SensorCriteria(RulesConfig rules, Map<String, SensorState> sensors, AlarmBoard board, Disablements disablements,
                   SensorTrouble trouble, Set<String> dirtyZones) {
        this.rules = rules;
        this.sensors = sensors;
        this.board = board;
        this.disablements = disablements;
        this.trouble = trouble;
        this.dirtyZones = dirtyZones;
        this.heatSensors = sensors.values().stream().filter(s -> s.heat != null).toList();
        this.heatValues = new double[heatSensors.size()];
    }

    /**
     * A new sampling cycle: the reference ({@link #REFERENCE_QUANTILE}) of the heat sensors' good readings, this
     * cycle's where there is one, else the last; NaN with fewer than {@link #MIN_SENSORS_FOR_REFERENCE} reading.
     */
    void cycle(Collection<Reading> readings) {
        cycle++;
        for (Reading r : readings) {
            SensorState s = sensors.get(r.sensorId());
            if (s != null && s.heat != null && r.isOk() && r.quantity() == Quantity.TEMPERATURE) {
                s.cycleC = r.value();
                s.cycle = cycle;
            }
        }
        int n = 0;
        for (SensorState s : heatSensors) {
            if (s.cycle == cycle) {
                heatValues[n++] = s.cycleC;
            } else if (s.latest != null && s.latest.isOk()) {
                heatValues[n++] = s.latest.value();
            }
        }
        if (n < MIN_SENSORS_FOR_REFERENCE) {
            referenceC = Double.NaN;
            return;
        }
        Arrays.sort(heatValues, 0, n);
        // Between the two readings around its rank (at least five readings: the one above is always there).
        double rank = REFERENCE_QUANTILE * (n - 1);
        int below = (int) rank;
        referenceC = heatValues[below] + (rank - below) * (heatValues[below + 1] - heatValues[below]);
    }

    /** Takes one reading: its sensor's state, criterion, contacts and health. */
    void accept(Reading reading) {
        SensorState state = sensors.get(reading.sensorId());
        if (state == null || reading.quantity() != Quantity.of(state.config.kind())) {
            if (state != null) {
                state.latest = state.latest == null ? reading : state.latest;
            }
            return;
        }
        state.latest = reading;
        state.health.record(reading);
        Instant at = reading.at();
        // A heat sensor in alarm that leaves its range (a DS18B20 past 125 °C in the fire) left it upwards:
        // it keeps its HEAT and its part in the zone's verdict, and its fault is a TROUBLE beside them.
        // Until it reads in range again and is trusted, its readings in between keep the HEAT too.
        if (state.heat != null && reading.quality() == Quality.OUT_OF_RANGE) {
            state.hotOutOfRange = state.hotOutOfRange || state.criterion;
        } else if (reading.isOk() && trouble.trusted(state)) {
            state.hotOutOfRange = false;
        }
        if (!reading.isOk()) {
            trouble.judge(state, at);
            dirtyZones.add(state.zone());
            return;
        }
        if (trouble.disabled(state)) {
            return;
        }
        String id = state.config.id();
        switch (state.config.kind()) {
            case HEAT -> {
                if (!trouble.trusted(state)) {
                    state.heat.restart(); // after a fault, a new baseline before the rate is judged again
                }
                criterion(state, AlarmType.HEAT, state.heat.update(at, reading.value(), referenceC),
                        state.heat::reason, reading);
            }
            case SMOKE, CO, WATER_LEVEL -> {
                boolean met = state.threshold != null ? state.threshold.update(at, reading.value())
                        : reading.isActive();
                criterion(state, typeOf(state.config.kind()), met, () -> thresholdReason(state, reading), reading);
            }
            case WATER_SWITCH -> criterion(state, AlarmType.WATER, debouncedContact(state, reading),
                    () -> "float switch " + id + " closed", reading);
            case CALL_POINT -> {
                state.contactActive = reading.isActive();
                dirtyZones.add(state.zone());
            }
            case DOOR -> condition(new AlarmKey(AlarmType.SUPERVISORY, "door", id), AlarmType.SUPERVISORY, state,
                    doorName(id) + " open", reading);
            case MAINS -> condition(new AlarmKey(AlarmType.TROUBLE, "mains", id), AlarmType.TROUBLE, state,
                    "mains power lost (" + id + ")", reading);
            case BATTERY -> condition(new AlarmKey(AlarmType.TROUBLE, "battery", id), AlarmType.TROUBLE, state,
                    "battery low (" + id + ")", reading);
            case CLIMATE -> {
                // The cabinet's climate is reported, not judged.
            }
        }
        trouble.judge(state, at);
    }

    /** One sensor's criterion: its own alarm, and its zone's verdict. */
    private void criterion(SensorState state, AlarmType type, boolean met, Supplier<String> reason, Reading reading) {
        boolean was = state.criterion;
        state.criterion = met;
        if (met && !was) {
            state.criterionReason = reason.get();
        }
        AlarmKey key = state.criterionKeys.get(CRITERION_TYPES.indexOf(type));
        if (met && (trouble.trusted(state) || state.hotOutOfRange)) {
            if (!board.isActive(key)) {
                board.hold(key, type, state.zone(), state.config.positionM(), List.of(state.config.id()),
                        reading.value(), reading.quantity().unit(), state.criterionReason,
                        disablements.inTest(state.zone()), reading.at());
            }
        } else {
            board.release(key, reading.at());
        }
        if (type.isFireCriterion()) {
            dirtyZones.add(state.zone());
        }
    }

    /** A contact's SUPERVISORY or TROUBLE, present while the contact is active. */
    private void condition(AlarmKey key, AlarmType type, SensorState state, String reason, Reading reading) {
        if (reading.isActive()) {
            board.hold(key, type, state.zone(), state.config.positionM(), List.of(state.config.id()), reading.value(),
                    "", reason, disablements.inTest(state.zone()), reading.at());
        } else {
            board.release(key, reading.at());
        }
    }

    private boolean debouncedContact(SensorState state, Reading reading) {
        boolean active = reading.isActive();
        if (active == state.contactActive) {
            state.contactPendingSince = null;
            return active;
        }
        if (state.contactPendingSince == null) {
            state.contactPendingSince = reading.at();
        }
        if (Duration.between(state.contactPendingSince, reading.at()).compareTo(rules.water().debounce()) >= 0) {
            state.contactActive = active;
            state.contactPendingSince = null;
        }
        return state.contactActive;
    }

    /** "door" for a contact called door, "door d2" for one called d2: never "door door". */
    private static String doorName(String id) {
        return id.toLowerCase(Locale.ROOT).contains("door") ? id : "door " + id;
    }

    private static AlarmType typeOf(Kind kind) {
        return switch (kind) {
            case HEAT -> AlarmType.HEAT;
            case SMOKE -> AlarmType.SMOKE;
            case CO -> AlarmType.CO;
            default -> AlarmType.WATER;
        };
    }

    private static String thresholdReason(SensorState state, Reading reading) {
        if (state.threshold == null) {
            return "detector " + state.config.id() + " in alarm";
        }
        return String.format(Locale.ROOT, "%.1f %s at %s, alarm at %.1f", reading.value(),
                reading.quantity().unit(), state.config.id(), state.threshold.alarmAt());
    }
}
