package io.ductwatch.gateway.core;

import io.ductwatch.config.RulesConfig;
import io.ductwatch.config.SensorConfig;
import io.ductwatch.config.SensorConfig.Kind;
import io.ductwatch.config.SiteConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Decides, at the edge and without the network, what the readings mean (DESIGN 3): each sensor's own
 * criterion (HEAT, SMOKE, CO, WATER), each zone's verdict (one fire criterion: PRE_ALARM; two from
 * different sensors, or a manual call point: FIRE), SUPERVISORY for the door, disablements and tests,
 * TROUBLE for every fault. Operator commands (acknowledge, silence, reset, disable, enable, test) act
 * here too. The engine is the locked facade: the zones' verdicts and the fire's location are
 * {@link ZoneVerdict}'s, disablements and tests {@link Disablements}', each sensor's state
 * {@link SensorState}'s, the alarms' lifecycle {@link AlarmBoard}'s.
 *
 * <p>Time comes only from the readings, the commands and {@link #tick(Instant)}: the engine never reads a
 * clock, so hours of duct time run through it in milliseconds and every run is repeatable.
 *
 * <p>Thread-safe: every public method holds the engine's lock for a few microseconds, so a contact edge
 * from the GPIO thread is decided at once and is never queued behind readings. Listeners are called after
 * the lock is released, in the order of the decisions, by {@link AlarmDispatcher}.
 */
public final class RuleEngine {

    private final SiteConfig site;
    private final RulesConfig rules;
    private final AlarmBoard board;
    private final AlarmDispatcher dispatcher;
    private final Map<String, SensorState> sensors = new LinkedHashMap<>();
    private final Disablements disablements;
    private final ZoneVerdict zones;
    private final List<SensorState> heatSensors;
    /** The median of the heat sensors' readings: the reference each one is judged against; NaN without. */
    private double ductMedianC = Double.NaN;
    /** The sampling cycles taken in, and room for the heat sensors' values of one: the median without garbage. */
    private long cycle;
    private final double[] heatValues;
    /** Fewer heat sensors than this have no median to judge against: each is judged on its own. */
    static final int MIN_SENSORS_FOR_MEDIAN = 5;
    /** The per-sensor criteria, in the order of each sensor's criterion keys. */
    private static final List<AlarmType> CRITERION_TYPES = List.of(AlarmType.HEAT, AlarmType.SMOKE, AlarmType.CO,
            AlarmType.WATER);
    /** Zones whose verdict may have changed since they were last evaluated. */
    private final java.util.Set<String> dirtyZones = new java.util.LinkedHashSet<>();

    /**
     * @param startedAt when sampling starts: a sensor silent from then on is a fault after the silence time
     * @param alarmIds  a new unique alarm id for every call
     */
    public RuleEngine(SiteConfig site, Instant startedAt, Supplier<String> alarmIds, List<AlarmListener> listeners) {
        this.site = site;
        this.rules = site.rules();
        this.dispatcher = new AlarmDispatcher(listeners);
        this.disablements = new Disablements(site);
        this.board = new AlarmBoard(alarmIds, dispatcher);
        for (SensorConfig sensor : site.sensors()) {
            sensors.put(sensor.id(), new SensorState(sensor, rules, startedAt));
        }
        for (SensorState state : sensors.values()) {
            state.neighbours = sensors.values().stream()
                    .filter(o -> o != state && o.config.kind() == state.config.kind())
                    .sorted(Comparator.comparingDouble(o -> Math.abs(o.config.positionM() - state.config.positionM())))
                    .limit(2).toList();
        }
        this.heatSensors = sensors.values().stream().filter(s -> s.heat != null).toList();
        this.heatValues = new double[heatSensors.size()];
        this.zones = new ZoneVerdict(site, board, disablements, sensors);
    }

    private boolean disabled(SensorState state) {
        return disablements.sensorDisabled(state.config.id()) || disablements.zoneDisabled(state.zone());
    }

    // ---------------------------------------------------------------- the lock

    /**
     * Decides under the engine's lock, then hands what was decided to the listeners after releasing it
     * (see {@link AlarmDispatcher}): no listener ever runs while the engine is locked.
     */
    private void decide(Runnable decision) {
        synchronized (this) {
            decision.run();
        }
        dispatcher.drain();
    }

    private <T> T decided(Supplier<T> decision) {
        T result;
        synchronized (this) {
            result = decision.get();
        }
        dispatcher.drain();
        return result;
    }

    // ---------------------------------------------------------------- readings and time

    /** Takes one reading, a sampled value or a contact edge. */
    public void onReading(Reading reading) {
        decide(() -> {
            accept(reading);
            evaluateDirtyZones(reading.at());
            board.publishIfChanged();
        });
    }

    /**
     * Takes the readings of one sampling cycle. Zones are judged once all of them are in, so a fire is
     * located on the whole profile, not on the sensors that happened to come first.
     */
    public void onReadings(List<Reading> readings) {
        decide(() -> {
            updateDuctMedian(readings);
            readings.forEach(this::accept);
            readings.stream().map(Reading::at).max(Instant::compareTo).ifPresent(this::evaluateDirtyZones);
            board.publishIfChanged();
        });
    }

    /**
     * The median of the heat sensors' good readings, this cycle's where there is one, else the last: the
     * reference each heat sensor is judged against, so that a rise the whole duct sees is no fire. NaN
     * with fewer than {@link #MIN_SENSORS_FOR_MEDIAN} heat sensors reading.
     */
    private void updateDuctMedian(List<Reading> readings) {
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
        if (n < MIN_SENSORS_FOR_MEDIAN) {
            ductMedianC = Double.NaN;
            return;
        }
        java.util.Arrays.sort(heatValues, 0, n);
        ductMedianC = n % 2 == 1 ? heatValues[n / 2] : (heatValues[n / 2 - 1] + heatValues[n / 2]) / 2;
    }

    private void evaluateDirtyZones(Instant at) {
        if (!dirtyZones.isEmpty()) {
            zones.evaluate(at);
        }
        dirtyZones.clear();
    }

    /**
     * Lets time pass: faults of sensors that went silent, stuck sensors, disablements and tests that
     * expire. Call at least once a second.
     */
    public void tick(Instant now) {
        decide(() -> {
            expire(now);
            Duration stuckAfter = rules.trouble().stuck();
            for (SensorState state : sensors.values()) {
                state.health.trimChanges(now, stuckAfter);
            }
            for (SensorState state : sensors.values()) {
                judgeStuck(state, now, stuckAfter);
                judgeHealth(state, now);
            }
            zones.evaluate(now);
            board.publishIfChanged();
        });
    }

    private void accept(Reading reading) {
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
        } else if (reading.isOk() && trusted(state)) {
            state.hotOutOfRange = false;
        }
        if (!reading.isOk()) {
            judgeHealth(state, at);
            dirtyZones.add(state.zone());
            return;
        }
        if (disabled(state)) {
            return;
        }
        switch (state.config.kind()) {
            case HEAT -> {
                if (!trusted(state)) {
                    state.heat.restart(); // after a fault, a new baseline before the rate is judged again
                }
                criterion(state, AlarmType.HEAT, state.heat.update(at, reading.value(), ductMedianC),
                        state.heat::reason, reading, at);
            }
            case SMOKE, CO, WATER_LEVEL -> {
                boolean met = state.threshold != null ? state.threshold.update(at, reading.value())
                        : reading.isActive();
                criterion(state, typeOf(state.config.kind()), met, () -> thresholdReason(state, reading), reading, at);
            }
            case WATER_SWITCH -> criterion(state, AlarmType.WATER, debouncedContact(state, reading),
                    () -> "float switch " + state.config.id() + " closed", reading, at);
            case CALL_POINT -> {
                state.contactActive = reading.isActive();
                dirtyZones.add(state.zone());
            }
            case DOOR -> condition(new AlarmKey(AlarmType.SUPERVISORY, "door", state.config.id()), AlarmType.SUPERVISORY, reading.isActive(),
                    state, doorName(state.config.id()) + " open", reading, at);
            case MAINS -> condition(new AlarmKey(AlarmType.TROUBLE, "mains", state.config.id()), AlarmType.TROUBLE, reading.isActive(),
                    state, "mains power lost (" + state.config.id() + ")", reading, at);
            case BATTERY -> condition(new AlarmKey(AlarmType.TROUBLE, "battery", state.config.id()), AlarmType.TROUBLE, reading.isActive(),
                    state, "battery low (" + state.config.id() + ")", reading, at);
            case CLIMATE -> {
                // The cabinet's climate is reported, not judged.
            }
        }
        judgeHealth(state, at);
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

    private String thresholdReason(SensorState state, Reading reading) {
        if (state.threshold == null) {
            return "detector " + state.config.id() + " in alarm";
        }
        return String.format(Locale.ROOT, "%.1f %s at %s, alarm at %.1f", reading.value(),
                reading.quantity().unit(), state.config.id(), state.threshold.alarmAt());
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

    /** One sensor's criterion: its own alarm, and its zone's verdict. */
    private void criterion(SensorState state, AlarmType type, boolean met, Supplier<String> reason, Reading reading,
                           Instant at) {
        boolean was = state.criterion;
        state.criterion = met;
        if (met && !was) {
            state.criterionReason = reason.get();
        }
        AlarmKey key = state.criterionKeys.get(CRITERION_TYPES.indexOf(type));
        if (met && (trusted(state) || state.hotOutOfRange)) {
            if (!board.isActive(key)) {
                board.hold(key, type, state.zone(), state.config.positionM(), List.of(state.config.id()),
                        reading.value(), reading.quantity().unit(), state.criterionReason, inTest(state.zone()), at);
            }
        } else {
            board.release(key, at);
        }
        if (type.isFireCriterion()) {
            dirtyZones.add(state.zone());
        }
    }

    private void condition(AlarmKey key, AlarmType type, boolean present, SensorState state, String reason,
                           Reading reading, Instant at) {
        if (present) {
            board.hold(key, type, state.zone(), state.config.positionM(), List.of(state.config.id()), reading.value(),
                    "", reason, inTest(state.zone()), at);
        } else {
            board.release(key, at);
        }
    }

    private boolean trusted(SensorState state) {
        return state.trusted(board);
    }

    private static AlarmKey troubleKey(SensorState state) {
        return state.troubleKey;
    }

    /** Raises or clears the sensor's TROUBLE, and withdraws its criterion while it cannot be trusted. */
    private void judgeHealth(SensorState state, Instant now) {
        AlarmKey key = troubleKey(state);
        if (disabled(state)) {
            board.release(key, now);
            return;
        }
        Optional<String> fault = state.health.fault(now);
        if (fault.isPresent()) {
            Reading latest = state.latest;
            board.hold(key, AlarmType.TROUBLE, state.zone(), state.config.positionM(), List.of(state.config.id()),
                    latest != null && latest.isOk() ? latest.value() : Double.NaN,
                    latest != null ? latest.quantity().unit() : "", fault.get(), inTest(state.zone()), now);
        } else {
            board.release(key, now);
        }
        if (!trusted(state) && !state.hotOutOfRange) {
            state.criterionKeys.forEach(k -> board.release(k, now));
        }
    }

    /**
     * A sensor whose value has not changed for the stuck time, while a neighbour of the same kind moved,
     * is stuck: a quiet duct, where every sensor is still, is not a fault.
     */
    private void judgeStuck(SensorState state, Instant now, Duration stuckAfter) {
        Instant since = state.health.valueSince();
        if (!isAnalog(state.config.kind()) || since == null) {
            return;
        }
        if (now.toEpochMilli() - since.toEpochMilli() < stuckAfter.toMillis()) {
            state.health.markStuck(null);
            return;
        }
        List<String> moved = state.neighbours.stream().filter(n -> n.health.changesInWindow() >= 2)
                .map(n -> n.config.id()).toList();
        if (moved.isEmpty()) {
            state.health.markStuck(null);
            return;
        }
        state.health.markStuck(String.format(Locale.ROOT, "%s: stuck at %s for %d min while %s moved (STUCK)",
                state.config.id(), format(state.health.lastValue()), Duration.between(since, now).toMinutes(),
                String.join(", ", moved)));
    }

    private static boolean isAnalog(Kind kind) {
        return kind == Kind.HEAT || kind == Kind.SMOKE || kind == Kind.CO || kind == Kind.WATER_LEVEL;
    }

    // ---------------------------------------------------------------- operator commands

    /** Acknowledges one alarm by id, or every active alarm when {@code alarmId} is {@code *}. */
    public CommandResult acknowledge(String alarmId, String operator, Instant at) {
        return decided(() -> {
            int count = board.acknowledge(a -> alarmId.equals("*") || a.alarmId().equals(alarmId), at);
            CommandResult result = count > 0 || alarmId.equals("*")
                    ? CommandResult.ok(count + " alarm(s) acknowledged")
                    : board.all().stream().anyMatch(a -> a.alarmId().equals(alarmId))
                    ? CommandResult.ok("alarm " + alarmId + " was already acknowledged")
                    : CommandResult.refused("no active alarm " + alarmId);
            return done(at, operator, "ack", alarmId, result);
        });
    }

    /** Silences the sounders for the alarms active now; a new alarm sounds them again. */
    public CommandResult silence(String operator, Instant at) {
        return decided(() -> {
            int count = board.silence();
            return done(at, operator, "silence", "*", CommandResult.ok(count + " alarm(s) silenced"));
        });
    }

    /**
     * Resets the latched FIRE alarms of a zone, or of every zone when {@code zone} is empty, whose condition
     * has gone. A FIRE whose condition persists is "still active" and stays, with its acknowledgement; when
     * nothing could be reset for that reason the command is refused.
     */
    public CommandResult reset(Optional<String> zone, String operator, Instant at) {
        return decided(() -> {
            if (zone.isPresent() && site.zone(zone.get()).isEmpty()) {
                return done(at, operator, "reset", zone.get(), CommandResult.refused("no zone " + zone.get()));
            }
            zones.evaluate(at);
            java.util.function.Predicate<ActiveAlarm> which = a -> zone.map(z -> z.equals(a.zone())).orElse(true);
            List<ActiveAlarm> burning = board.stillPresent(which);
            int count = board.reset(which, at);
            zones.evaluate(at);
            String still = burning.stream().map(a -> a.type() + " " + a.alarmId() + " in " + a.zone())
                    .collect(Collectors.joining(", "));
            CommandResult result = burning.isEmpty() ? CommandResult.ok(count + " alarm(s) reset")
                    : count == 0 ? CommandResult.refused("still active: " + still + " (its condition persists; reset"
                            + " once it has gone)")
                    : CommandResult.ok(count + " alarm(s) reset; still active: " + still);
            return done(at, operator, "reset", zone.orElse("*"), result);
        });
    }

    /** Disables a sensor or a zone until {@code until}: it raises no alarm; SUPERVISORY while it lasts. */
    public CommandResult disable(String target, Instant until, String operator, Instant at) {
        return decided(() -> {
            Optional<String> problem = disablements.problem(target, until, at);
            if (problem.isPresent()) {
                return done(at, operator, "disable", target, CommandResult.refused(problem.get()));
            }
            Disablements.Target typed = disablements.disable(target, until);
            String zone = typed.zone() ? target : site.sensor(target).orElseThrow().zone();
            board.hold(disabledKey(target), AlarmType.SUPERVISORY, zone, positionOf(target),
                    site.sensor(target).map(s -> List.of(s.id())).orElse(List.of()), Double.NaN, "",
                    target + " disabled by " + operator + " until " + until, false, at);
            for (SensorState s : sensors.values()) {
                if (typed.zone() ? s.zone().equals(target) : s.config.id().equals(target)) {
                    s.criterionKeys.forEach(k -> board.release(k, at));
                    board.release(troubleKey(s), at);
                    board.release(new AlarmKey(AlarmType.SUPERVISORY, "door", s.config.id()), at);
                    s.criterion = false;
                    s.contactActive = false;
                }
            }
            zones.evaluate(at);
            return done(at, operator, "disable", target, CommandResult.ok(target + " disabled until " + until));
        });
    }

    /** Ends a disablement or a test before its expiry. */
    public CommandResult enable(String target, String operator, Instant at) {
        return decided(() -> {
            if (!disablements.enable(target)) {
                return done(at, operator, "enable", target,
                        CommandResult.refused(target + " is neither disabled nor in test"));
            }
            board.release(disabledKey(target), at);
            board.release(testKey(target), at);
            zones.evaluate(at);
            return done(at, operator, "enable", target, CommandResult.ok(target + " enabled"));
        });
    }

    /** Puts a zone in test until {@code until}: its alarms are marked test and drive no output. */
    public CommandResult test(String zone, Instant until, String operator, Instant at) {
        return decided(() -> {
            if (site.zone(zone).isEmpty()) {
                return done(at, operator, "test", zone, CommandResult.refused("no zone " + zone + "; test takes a zone"));
            }
            Optional<String> problem = disablements.problem(zone, until, at);
            if (problem.isPresent()) {
                return done(at, operator, "test", zone, CommandResult.refused(problem.get()));
            }
            disablements.test(zone, until);
            board.hold(testKey(zone), AlarmType.SUPERVISORY, zone, Double.NaN, List.of(), Double.NaN, "",
                    zone + " in test by " + operator + " until " + until, true, at);
            return done(at, operator, "test", zone, CommandResult.ok(zone + " in test until " + until));
        });
    }

    private static AlarmKey disabledKey(String target) {
        return new AlarmKey(AlarmType.SUPERVISORY, "disabled", target);
    }

    private static AlarmKey testKey(String zone) {
        return new AlarmKey(AlarmType.SUPERVISORY, "test", zone);
    }

    private void expire(Instant now) {
        for (Disablements.Expired e : disablements.expire(now)) {
            board.release(e.test() ? testKey(e.id()) : disabledKey(e.id()), now);
            audit(new AuditEntry(now, "gateway", "enable", e.id(), true,
                    e.test() ? "test expired" : "disablement expired"));
        }
    }

    private CommandResult done(Instant at, String operator, String command, String target, CommandResult result) {
        audit(new AuditEntry(at, operator, command, target, result.ok(), result.message()));
        board.publishIfChanged();
        return result;
    }

    private void audit(AuditEntry entry) {
        dispatcher.post(l -> l.onAudit(entry));
    }

    /**
     * Sets or clears a condition of the gateway itself (storage near full, clock not synced, uplink down,
     * certificate near expiry, a stalled bus): a TROUBLE or SUPERVISORY keyed by {@code name}.
     */
    public void setCondition(String name, AlarmType type, boolean present, String reason, Instant at) {
        decide(() -> {
            AlarmKey key = new AlarmKey(type, "system", name);
            if (present) {
                board.hold(key, type, "", Double.NaN, List.of(), Double.NaN, "", reason, false, at);
            } else {
                board.release(key, at);
            }
            board.publishIfChanged();
        });
    }

    // ---------------------------------------------------------------- views

    public synchronized List<ActiveAlarm> activeAlarms() {
        return board.all();
    }

    /** The latest reading of each sensor that has read at all. */
    public synchronized Map<String, Reading> latestReadings() {
        Map<String, Reading> latest = new LinkedHashMap<>();
        sensors.forEach((id, s) -> {
            if (s.latest != null) {
                latest.put(id, s.latest);
            }
        });
        return latest;
    }

    /** Ids of sensors with a standing TROUBLE. */
    public synchronized List<String> faultySensors() {
        return sensors.values().stream().filter(s -> board.isActive(troubleKey(s))).map(s -> s.config.id()).toList();
    }

    public synchronized boolean inTest(String zone) {
        return disablements.inTest(zone);
    }

    public synchronized boolean isDisabled(String sensorOrZone) {
        return disablements.disabled(sensorOrZone);
    }

    private double positionOf(String target) {
        return site.sensor(target).map(SensorConfig::positionM)
                .orElseGet(() -> site.zone(target).map(z -> (z.fromM() + z.toM()) / 2).orElse(Double.NaN));
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
