package io.ductwatch.gateway.core;

import io.ductwatch.config.SensorConfig;
import io.ductwatch.config.SiteConfig;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What operators ask of the engine (acknowledge, silence, reset, disable, enable, test) and the expiry of
 * disablements and tests; each answered with a {@link CommandResult} and recorded as an {@link AuditEntry}.
 * Used by the {@link RuleEngine} under its lock, which hands the audit entries and the changed active set to
 * the listeners once it is released.
 */
final class OperatorCommands {

    private final SiteConfig site;
    private final Collection<SensorState> sensors;
    private final AlarmBoard board;
    private final Disablements disablements;
    private final ZoneVerdict zones;
    private final AlarmDispatcher dispatcher;

    OperatorCommands(SiteConfig site, Collection<SensorState> sensors, AlarmBoard board, Disablements disablements,
                     ZoneVerdict zones, AlarmDispatcher dispatcher) {
        this.site = site;
        this.sensors = sensors;
        this.board = board;
        this.disablements = disablements;
        this.zones = zones;
        this.dispatcher = dispatcher;
    }

    CommandResult acknowledge(String alarmId, String operator, Instant at) {
        int count = board.acknowledge(a -> alarmId.equals("*") || a.alarmId().equals(alarmId), at);
        CommandResult result = count > 0 || alarmId.equals("*")
                ? CommandResult.ok(count + " alarm(s) acknowledged")
                : board.all().stream().anyMatch(a -> a.alarmId().equals(alarmId))
                ? CommandResult.ok("alarm " + alarmId + " was already acknowledged")
                : CommandResult.refused("no active alarm " + alarmId);
        return done(at, operator, "ack", alarmId, result);
    }

    CommandResult silence(String operator, Instant at) {
        int count = board.silence();
        return done(at, operator, "silence", "*", CommandResult.ok(count + " alarm(s) silenced"));
    }

    CommandResult reset(Optional<String> zone, String operator, Instant at) {
        if (zone.isPresent() && site.zone(zone.get()).isEmpty()) {
            return done(at, operator, "reset", zone.get(), CommandResult.refused("no zone " + zone.get()));
        }
        zones.evaluate(at);
        Predicate<ActiveAlarm> which = a -> zone.map(z -> z.equals(a.zone())).orElse(true);
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
    }

    CommandResult disable(String target, Instant until, String operator, Instant at) {
        Optional<String> problem = disablements.problem(target, until, at);
        if (problem.isPresent()) {
            return done(at, operator, "disable", target, CommandResult.refused(problem.get()));
        }
        Disablements.Target typed = disablements.disable(target, until);
        String zone = typed.zone() ? target : site.sensor(target).orElseThrow().zone();
        board.hold(disabledKey(target), AlarmType.SUPERVISORY, zone, positionOf(target),
                site.sensor(target).map(s -> List.of(s.id())).orElse(List.of()), Double.NaN, "",
                target + " disabled by " + operator + " until " + until, false, at);
        for (SensorState s : sensors) {
            if (typed.zone() ? s.zone().equals(target) : s.config.id().equals(target)) {
                s.criterionKeys.forEach(k -> board.release(k, at));
                board.release(s.troubleKey, at);
                board.release(new AlarmKey(AlarmType.SUPERVISORY, "door", s.config.id()), at);
                s.criterion = false;
                s.contactActive = false;
            }
        }
        zones.evaluate(at);
        return done(at, operator, "disable", target, CommandResult.ok(target + " disabled until " + until));
    }

    CommandResult enable(String target, String operator, Instant at) {
        if (!disablements.enable(target)) {
            return done(at, operator, "enable", target, CommandResult.refused(target + " is neither disabled nor in test"));
        }
        board.release(disabledKey(target), at);
        board.release(testKey(target), at);
        zones.evaluate(at);
        return done(at, operator, "enable", target, CommandResult.ok(target + " enabled"));
    }

    CommandResult test(String zone, Instant until, String operator, Instant at) {
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
    }

    /** Ends the disablements and tests whose time is up, each recorded as the gateway's own enable. */
    void expire(Instant now) {
        for (Disablements.Expired e : disablements.expire(now)) {
            board.release(e.test() ? testKey(e.id()) : disabledKey(e.id()), now);
            audit(new AuditEntry(now, "gateway", "enable", e.id(), true,
                    e.test() ? "test expired" : "disablement expired"));
        }
    }

    private static AlarmKey disabledKey(String target) {
        return new AlarmKey(AlarmType.SUPERVISORY, "disabled", target);
    }

    private static AlarmKey testKey(String zone) {
        return new AlarmKey(AlarmType.SUPERVISORY, "test", zone);
    }

    private CommandResult done(Instant at, String operator, String command, String target, CommandResult result) {
        audit(new AuditEntry(at, operator, command, target, result.ok(), result.message()));
        board.publishIfChanged();
        return result;
    }

    private void audit(AuditEntry entry) {
        dispatcher.post(l -> l.onAudit(entry));
    }

    private double positionOf(String target) {
        return site.sensor(target).map(SensorConfig::positionM)
                .orElseGet(() -> site.zone(target).map(z -> (z.fromM() + z.toM()) / 2).orElse(Double.NaN));
    }
}
