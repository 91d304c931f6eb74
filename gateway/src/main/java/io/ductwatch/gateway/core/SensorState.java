package io.ductwatch.gateway.core;

import io.ductwatch.config.RulesConfig;
import io.ductwatch.config.SensorConfig;
import io.ductwatch.config.SensorConfig.Kind;
import java.time.Instant;
import java.util.List;

/**
 * One sensor's state inside the engine: its configuration, health, criterion and latest reading. Not
 * thread-safe: the engine owns it and its parts (criteria, zone verdicts) use it under the engine's lock.
 */
final class SensorState {
    final SensorConfig config;
    final SensorHealth health;
    final HeatCriterion heat;
    final ThresholdCriterion threshold;
    final AlarmKey troubleKey;
    final List<AlarmKey> criterionKeys;
    /** The two nearest sensors of the same kind, for judging whether this one is stuck. */
    List<SensorState> neighbours = List.of();
    Reading latest;
    boolean criterion;
    String criterionReason = "";
    Instant contactPendingSince;
    boolean contactActive;
    /** A heat sensor in alarm whose readings went out of range upwards: it keeps its HEAT. */
    boolean hotOutOfRange;
    /** A heat sensor's good reading in the engine's cycle {@link #cycle}, for the duct's reference. */
    double cycleC;
    long cycle = -1;

    SensorState(SensorConfig config, RulesConfig rules, Instant startedAt) {
        this.config = config;
        this.health = new SensorHealth(config.id(), rules.trouble().silent(), startedAt);
        this.heat = config.kind() == Kind.HEAT
                ? new HeatCriterion(HeatPreset.named(config.heatPreset().orElse(rules.heatPreset()))) : null;
        this.threshold = thresholdFor(config, rules);
        this.troubleKey = AlarmKey.sensor(AlarmType.TROUBLE, config.id());
        this.criterionKeys = List.of(AlarmKey.sensor(AlarmType.HEAT, config.id()),
                AlarmKey.sensor(AlarmType.SMOKE, config.id()), AlarmKey.sensor(AlarmType.CO, config.id()),
                AlarmKey.sensor(AlarmType.WATER, config.id()));
    }

    String zone() {
        return config.zone();
    }

    /** Whether its readings count: no standing TROUBLE and healthy enough (see {@link SensorHealth#trusted}). */
    boolean trusted(AlarmBoard board) {
        return health.trusted(board.isActive(troubleKey));
    }

    private static ThresholdCriterion thresholdFor(SensorConfig config, RulesConfig rules) {
        if (!(config.wiring() instanceof SensorConfig.Loop loop)) {
            return null;
        }
        RulesConfig.Threshold defaults = switch (config.kind()) {
            case SMOKE -> rules.smoke();
            case CO -> rules.co();
            case WATER_LEVEL -> rules.water();
            default -> null;
        };
        if (defaults == null) {
            return null;
        }
        return new ThresholdCriterion(loop.alarmAt().orElse(defaults.alarmAt()),
                loop.clearAt().orElse(defaults.clearAt()), defaults.debounce());
    }
}
