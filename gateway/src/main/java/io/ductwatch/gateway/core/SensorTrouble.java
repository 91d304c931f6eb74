package io.ductwatch.gateway.core;

import io.ductwatch.config.SensorConfig.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A sensor's health as alarms: its TROUBLE (a failed read, silence, a stuck value, a value out of range) raised
 * and cleared, and its criteria withdrawn while it cannot be trusted. A stuck value is one that has not changed
 * for the stuck time while a neighbour of the same kind moved: a quiet duct, where every sensor is still, is no
 * fault. Used by the {@link RuleEngine} under its lock.
 */
final class SensorTrouble {

    private final AlarmBoard board;
    private final Disablements disablements;

    SensorTrouble(AlarmBoard board, Disablements disablements) {
        this.board = board;
        this.disablements = disablements;
    }

    boolean disabled(SensorState state) {
        return disablements.sensorDisabled(state.config.id()) || disablements.zoneDisabled(state.zone());
    }

    boolean trusted(SensorState state) {
        return state.trusted(board);
    }

    /** Raises or clears the sensor's TROUBLE, and withdraws its criterion while it cannot be trusted. */
    void judge(SensorState state, Instant now) {
        AlarmKey key = state.troubleKey;
        if (disabled(state)) {
            board.release(key, now);
            return;
        }
        Optional<String> fault = state.health.fault(now);
        if (fault.isPresent()) {
            Reading latest = state.latest;
            board.hold(key, AlarmType.TROUBLE, state.zone(), state.config.positionM(), List.of(state.config.id()),
                    latest != null && latest.isOk() ? latest.value() : Double.NaN,
                    latest != null ? latest.quantity().unit() : "", fault.get(), disablements.inTest(state.zone()),
                    now);
        } else {
            board.release(key, now);
        }
        if (!trusted(state) && !state.hotOutOfRange) {
            state.criterionKeys.forEach(k -> board.release(k, now));
        }
    }

    /** Marks the sensor stuck, or not, for {@link #judge} to report. */
    void judgeStuck(SensorState state, Instant now, Duration stuckAfter) {
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
        state.health.markStuck(String.format(Locale.ROOT, "%s: stuck at %.3f for %d min while %s moved (STUCK)",
                state.config.id(), state.health.lastValue(), Duration.between(since, now).toMinutes(),
                String.join(", ", moved)));
    }

    private static boolean isAnalog(Kind kind) {
        return kind == Kind.HEAT || kind == Kind.SMOKE || kind == Kind.CO || kind == Kind.WATER_LEVEL;
    }
}
