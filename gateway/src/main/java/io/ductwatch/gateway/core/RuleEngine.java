package io.ductwatch.gateway.core;

import io.ductwatch.config.RulesConfig;
import io.ductwatch.config.SensorConfig;
import io.ductwatch.config.SiteConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides, at the edge and without the network, what the readings mean (DESIGN 3): each sensor's own
 * criterion (HEAT, SMOKE, CO, WATER), each zone's verdict (one fire criterion: PRE_ALARM; two from
 * different sensors, or a manual call point: FIRE), SUPERVISORY for the door, disablements and tests,
 * TROUBLE for every fault. Operator commands (acknowledge, silence, reset, disable, enable, test) act
 * here too. The engine is the locked facade: each sensor's criterion is {@link SensorCriteria}', its TROUBLE
 * {@link SensorTrouble}'s, the zones' verdicts and the fire's location {@link ZoneVerdict}'s, operator commands
 * {@link OperatorCommands}', disablements and tests {@link Disablements}', each sensor's state
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

    private final RulesConfig rules;
    private final AlarmBoard board;
    private final AlarmDispatcher dispatcher;
    private final Map<String, SensorState> sensors = new LinkedHashMap<>();
    private final Disablements disablements;
    private final ZoneVerdict zones;
    private final SensorTrouble trouble;
    private final SensorCriteria criteria;
    private final OperatorCommands commands;
    /** Zones whose verdict may have changed since they were last evaluated. */
    private final Set<String> dirtyZones = new LinkedHashSet<>();

    /**
     * @param startedAt when sampling starts: a sensor silent from then on is a fault after the silence time
     * @param alarmIds  a new unique alarm id for every call
     */
    public RuleEngine(SiteConfig site, Instant startedAt, Supplier<String> alarmIds, List<AlarmListener> listeners) {
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
        this.zones = new ZoneVerdict(site, board, disablements, sensors);
        this.trouble = new SensorTrouble(board, disablements);
        this.criteria = new SensorCriteria(rules, sensors, board, disablements, trouble, dirtyZones);
        this.commands = new OperatorCommands(site, sensors.values(), board, disablements, zones, dispatcher);
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
            criteria.accept(reading);
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
            criteria.cycle(readings);
            readings.forEach(criteria::accept);
            readings.stream().map(Reading::at).max(Instant::compareTo).ifPresent(this::evaluateDirtyZones);
            board.publishIfChanged();
        });
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
            commands.expire(now);
            Duration stuckAfter = rules.trouble().stuck();
            for (SensorState state : sensors.values()) {
                state.health.trimChanges(now, stuckAfter);
            }
            for (SensorState state : sensors.values()) {
                trouble.judgeStuck(state, now, stuckAfter);
                trouble.judge(state, now);
            }
            zones.evaluate(now);
            board.publishIfChanged();
        });
    }

    // ---------------------------------------------------------------- operator commands

    /** Acknowledges one alarm by id, or every active alarm when {@code alarmId} is {@code *}. */
    public CommandResult acknowledge(String alarmId, String operator, Instant at) {
        return decided(() -> commands.acknowledge(alarmId, operator, at));
    }

    /** Silences the sounders for the alarms active now; a new alarm sounds them again. */
    public CommandResult silence(String operator, Instant at) {
        return decided(() -> commands.silence(operator, at));
    }

    /**
     * Resets the latched FIRE alarms of a zone, or of every zone when {@code zone} is empty, whose condition
     * has gone. A FIRE whose condition persists is "still active" and stays, with its acknowledgement; when
     * nothing could be reset for that reason the command is refused.
     */
    public CommandResult reset(Optional<String> zone, String operator, Instant at) {
        return decided(() -> commands.reset(zone, operator, at));
    }

    /** Disables a sensor or a zone until {@code until}: it raises no alarm; SUPERVISORY while it lasts. */
    public CommandResult disable(String target, Instant until, String operator, Instant at) {
        return decided(() -> commands.disable(target, until, operator, at));
    }

    /** Ends a disablement or a test before its expiry. */
    public CommandResult enable(String target, String operator, Instant at) {
        return decided(() -> commands.enable(target, operator, at));
    }

    /** Puts a zone in test until {@code until}: its alarms are marked test and drive no output. */
    public CommandResult test(String zone, Instant until, String operator, Instant at) {
        return decided(() -> commands.test(zone, until, operator, at));
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
        return sensors.values().stream().filter(s -> board.isActive(s.troubleKey)).map(s -> s.config.id()).toList();
    }

    public synchronized boolean inTest(String zone) {
        return disablements.inTest(zone);
    }

    public synchronized boolean isDisabled(String sensorOrZone) {
        return disablements.disabled(sensorOrZone);
    }
}
