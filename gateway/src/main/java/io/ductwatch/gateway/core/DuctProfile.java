package io.ductwatch.gateway.core;

import io.ductwatch.config.SensorConfig.Kind;
import io.ductwatch.config.SiteConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Where the duct's profile of readings puts a fire ({@link FireLocator}): from the heat sensors' rises when one has
 * risen {@link #MIN_HEAT_RISE_K}, else from the smoke detectors' readings once two read smoke above their noise
 * ({@link #SMOKE_NOISE_FRACTION}). Each is fitted at most once per
 * evaluation of the zones, when first asked, and forgotten at {@link #forget()}. Not thread-safe: {@link ZoneVerdict}
 * asks it under the engine's lock.
 */
final class DuctProfile {

    /** A sensor rising less than this above its baseline counts as not rising when locating a fire, K. */
    static final double NOISE_K = 0.3;
    /** Heat sensors must show this rise before heat locates a fire; below it, smoke does, K. */
    static final double MIN_HEAT_RISE_K = 2.0;
    /**
     * A smoke detector reading less than this fraction of its alarm level counts as reading no smoke when locating a
     * fire: a 4-20 mA loop's noise (1 % of a 25 %/m span, 0.25 %/m) would otherwise locate a fire wherever two
     * detectors' noise happened to put it.
     */
    static final double SMOKE_NOISE_FRACTION = 0.1;
    /**
     * A standing fire's estimate is refined on the heat sensors within this distance of those that first found it,
     * m: the heat profile's decay length downstream in the reference model.
     */
    static final double REFINE_WITHIN_M = 40.0;

    private final SiteConfig site;
    private final AlarmBoard board;
    private final Collection<SensorState> sensors;
    private final FireLocator heatLocator;
    private final FireLocator smokeLocator;
    /** Where the profile put the fire in this evaluation; null until asked. */
    private OptionalDouble profile;
    /** Where the heat profile alone put it in this evaluation; null until asked. */
    private OptionalDouble heatProfile;

    DuctProfile(SiteConfig site, AlarmBoard board, Collection<SensorState> sensors) {
        this.site = site;
        this.board = board;
        this.sensors = sensors;
        this.heatLocator = FireLocator.forHeat(site.duct().heightM(), site.duct().widthM(), site.duct().airflowMs());
        this.smokeLocator = FireLocator.forSmoke(site.duct().heightM(), site.duct().widthM(), site.duct().airflowMs());
    }

    /** A new evaluation: the readings have moved on, and the profile is fitted again when next asked. */
    void forget() {
        profile = null;
        heatProfile = null;
    }

    /**
     * Where the fire is: from the heat profile when heat sensors see it, else from the smoke profile,
     * else the position of the sensors behind the alarm.
     */
    double locate(List<SensorState> behind) {
        if (profile == null) {
            profile = position();
        }
        return profile.isPresent() ? profile.getAsDouble()
                : behind.stream().mapToDouble(s -> s.config.positionM()).average().orElse(Double.NaN);
    }

    /**
     * Where a standing fire is now: its heat profile fitted to the heat sensors within {@link #REFINE_WITHIN_M} of
     * the stretch that first found it ({@code found}), and sought there; else as {@link #locate} puts it. A growing
     * fire fills the duct downstream with hot gas, which the model's shape does not follow: fitted to the whole duct,
     * a measured fire's estimate had slid 64 m downstream of its seat within two minutes.
     */
    double locateNear(List<SensorState> behind, Extent found) {
        double from = Math.max(site.duct().startM(), found.fromM() - REFINE_WITHIN_M);
        double to = Math.min(site.duct().endM(), found.toM() + REFINE_WITHIN_M);
        List<FireLocator.Point> heat = heatPoints(from, to);
        return heat.stream().anyMatch(p -> p.rise() >= MIN_HEAT_RISE_K) ? heatLocator.locate(heat, from, to)
                : locate(behind);
    }

    /** Where the heat profile alone puts the fire, or NaN before a heat sensor has risen {@link #MIN_HEAT_RISE_K}. */
    double heatOnly() {
        return heatPosition().orElse(Double.NaN);
    }

    /** Where the duct's heat profile, else its smoke profile, puts the fire now; empty when neither does. */
    private OptionalDouble position() {
        OptionalDouble heat = heatPosition();
        if (heat.isPresent()) {
            return heat;
        }
        List<FireLocator.Point> smoke = new ArrayList<>();
        for (SensorState s : sensors) {
            if (s.config.kind() == Kind.SMOKE && s.threshold != null && s.trusted(board) && s.latest != null
                    && s.latest.isOk()) {
                double value = s.latest.value();
                smoke.add(new FireLocator.Point(s.config.positionM(),
                        value < SMOKE_NOISE_FRACTION * s.threshold.alarmAt() ? 0 : value));
            }
        }
        if (smoke.stream().filter(p -> p.rise() > 0).count() >= 2) {
            return OptionalDouble.of(smokeLocator.locate(smoke, site.duct().startM(), site.duct().endM()));
        }
        return OptionalDouble.empty();
    }

    private OptionalDouble heatPosition() {
        if (heatProfile != null) {
            return heatProfile;
        }
        List<FireLocator.Point> heat = heatPoints(site.duct().startM(), site.duct().endM());
        heatProfile = heat.stream().anyMatch(p -> p.rise() >= MIN_HEAT_RISE_K)
                ? OptionalDouble.of(heatLocator.locate(heat, site.duct().startM(), site.duct().endM()))
                : OptionalDouble.empty();
        return heatProfile;
    }

    /** The heat sensors between two chainages and their rises, for the heat profile. */
    private List<FireLocator.Point> heatPoints(double fromM, double toM) {
        List<FireLocator.Point> heat = new ArrayList<>();
        for (SensorState s : sensors) {
            // A heat sensor that left its range upwards in the fire is the hottest evidence there is: it stays
            // in the profile with its last rise in range, or the fire's position would drift away from it.
            boolean inRange = s.trusted(board) && s.latest != null && s.latest.isOk();
            double at = s.config.positionM();
            if (s.heat != null && (inRange || s.hotOutOfRange) && at >= fromM && at <= toM) {
                double rise = s.heat.rise();
                heat.add(new FireLocator.Point(at, rise < NOISE_K ? 0 : rise));
            }
        }
        return heat;
    }
}
