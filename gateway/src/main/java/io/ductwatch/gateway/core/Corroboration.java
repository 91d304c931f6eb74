package io.ductwatch.gateway.core;

import io.ductwatch.config.SiteConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;

/**
 * Evidence of a fire short of a sensor's own criterion, near a located fire: a second sensor that confirms a zone's
 * one criterion for a FIRE (a heat sensor {@link #RISE_K} above its baseline at {@link #RATE_K_PER_MIN} or more, or,
 * for a heat criterion, a smoke detector reading {@link #SMOKE_FRACTION} of its alarm level), and heat sensors that
 * warn of a fire (PRE_ALARM) before any criterion is met ({@link #WARN_RISE_K} at {@link #WARN_RATE_K_PER_MIN}). Each
 * rise is judged against the duct's reference ({@link HeatCriterion#corroborates}), so what the whole duct sees at
 * once is none: a sensor's probe lags the air by minutes, and a local rise shows a fire long before the probe
 * meets its own criterion. Used by {@link ZoneVerdict} under the engine's lock; not thread-safe.
 */
final class Corroboration {

    /** A confirming or warning sensor is at most this far from where the fire is located, m. */
    static final double WITHIN_M = 25.0;
    /** See the class comment, K. */
    static final double RISE_K = 3.0;
    /** See the class comment, K/min. */
    static final double RATE_K_PER_MIN = 3.0;
    /**
     * A heat sensor warns of a fire (PRE_ALARM) at this rise above its baseline, against the duct's reference, K: a
     * tenth of the A1R preset's, still twenty times the DS18B20's reading noise (0.05 K).
     */
    static final double WARN_RISE_K = 1.0;
    /**
     * ... at this rate or more over the last half-minute ({@link HeatCriterion#RECENT_SLOPE_WINDOW}), K/min: under
     * half the A1R preset's; half a minute of the DS18B20's 0.05 K noise read every 2 s fakes a slope of about
     * 0.1 K/min (one standard deviation). At 1.5 K/min over the half-minute (and at 1 K/min over the minute) the
     * replay of IFAB-07 warned in its fan-on minutes before ignition, a cold stretch of the tunnel warming 4 K in
     * 30 s; it stays quiet at 1.75 K/min and above.
     */
    static final double WARN_RATE_K_PER_MIN = 2.0;
    /**
     * No confirmation while the fire is located this close to where two zones meet: an early
     * estimate may still be on the wrong side, and a FIRE keeps its zone; criteria alone decide there, m.
     */
    static final double CLEAR_OF_BOUNDARY_M = 2.0;
    /**
     * A smoke detector confirms a heat criterion once it reads this fraction of its own alarm level: smoke, clearly
     * above the loop's noise (a tenth of the level, {@link DuctProfile#SMOKE_NOISE_FRACTION}), with heat rising at
     * the criterion's rate is a fire. Where heat alone reaches only one sensor (a fire at the end of the duct), the
     * smoke drifting to the next detector is the second sign long before it meets its own alarm level.
     */
    static final double SMOKE_FRACTION = 0.25;

    private final SiteConfig site;
    private final AlarmBoard board;
    private final Disablements disablements;
    /** The heat sensors along the duct. */
    private final List<SensorState> heat;

    /** The smoke detectors on 4-20 mA loops along the duct, which read a level. */
    private final List<SensorState> smoke;

    Corroboration(SiteConfig site, AlarmBoard board, Disablements disablements, List<SensorState> heat,
                  List<SensorState> smoke) {
        this.site = site;
        this.board = board;
        this.disablements = disablements;
        this.heat = heat;
        this.smoke = smoke.stream().filter(s -> s.threshold != null).toList();
    }

    /**
     * The sensor that confirms one criterion of a fire located at {@code positionM}, if one does: the trusted heat
     * sensor rising nearest the located fire, other than the criterion's own, and no farther from the criterion's
     * sensor than one fire reaches ({@link ZoneVerdict#SAME_FIRE_WITHIN_M}); else, for a heat criterion, the trusted
     * smoke detector nearest the located fire, within as far, that reads smoke ({@link #SMOKE_FRACTION}). Never
     * near a zone boundary ({@link #CLEAR_OF_BOUNDARY_M}).
     */
    Optional<SensorState> confirming(SensorState criterion, double positionM) {
        if (Double.isNaN(positionM) || nearZoneBoundary(positionM)) {
            return Optional.empty();
        }
        SensorState best = null;
        for (SensorState s : heat) {
            double distance = Math.abs(s.config.positionM() - positionM);
            if (s != criterion && distance <= WITHIN_M
                    && Math.abs(s.config.positionM() - criterion.config.positionM()) <= ZoneVerdict.SAME_FIRE_WITHIN_M
                    && counts(s) && s.heat.corroborates(RISE_K, RATE_K_PER_MIN)
                    && (best == null || distance < Math.abs(best.config.positionM() - positionM))) {
                best = s;
            }
        }
        return best != null || criterion.heat == null ? Optional.ofNullable(best) : smokeNear(positionM);
    }

    /** The trusted smoke detector nearest a located fire that reads smoke ({@link #SMOKE_FRACTION}), if one does. */
    private Optional<SensorState> smokeNear(double positionM) {
        SensorState best = null;
        for (SensorState s : smoke) {
            double distance = Math.abs(s.config.positionM() - positionM);
            if (distance <= ZoneVerdict.SAME_FIRE_WITHIN_M && counts(s) && s.latest != null && s.latest.isOk()
                    && s.latest.value() >= SMOKE_FRACTION * s.threshold.alarmAt()
                    && (best == null || distance < Math.abs(best.config.positionM() - positionM))) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The heat sensors of {@code zone} that warn of a fire there before any criterion is met: each at least
     * {@link #WARN_RISE_K} above its baseline at {@link #WARN_RATE_K_PER_MIN} or more against the duct's reference,
     * and as far above the reference itself (a cold corner catching up with the duct as the fans stir it is no fire),
     * within {@link #WITHIN_M} of where the duct's profile puts the fire ({@code locate}, which must lie in the
     * zone: the first that contains it), or the zone's own sensors while the profile puts it nowhere yet. While the
     * warning stands ({@code standing}), a sensor's rise alone keeps it, so that it does not come and go with the
     * rate. Empty when none warns. The warning never counts towards a FIRE, which still needs a criterion. The
     * profile, and whether the warning stands, are asked for only when a sensor has risen: a quiet duct costs one
     * pass over its heat sensors' figures.
     */
    List<SensorState> warning(SiteConfig.Zone zone, DoubleSupplier locate, BooleanSupplier standing) {
        List<SensorState> warning = null;
        for (SensorState s : heat) {
            // Risen at all is needed either way; the cheaper test first, so a quiet duct asks nothing more.
            if (s.heat.rise() >= WARN_RISE_K && counts(s)) {
                if (warning == null) {
                    warning = new ArrayList<>(2);
                }
                warning.add(s);
            }
        }
        if (warning != null && !standing.getAsBoolean()) {
            warning.removeIf(s -> !warns(s));
        }
        if (warning == null || warning.isEmpty()) {
            return List.of();
        }
        double positionM = locate.getAsDouble();
        boolean located = !Double.isNaN(positionM);
        if (located && !firstContaining(positionM).equals(zone.id())) {
            return List.of();
        }
        warning.removeIf(s -> located ? Math.abs(s.config.positionM() - positionM) > WITHIN_M
                : !s.zone().equals(zone.id()));
        return warning;
    }

    /** The zone a position belongs to: the first that contains it (zones share their boundaries). */
    private String firstContaining(double positionM) {
        return site.zones().stream().filter(z -> z.contains(positionM)).map(SiteConfig.Zone::id).findFirst()
                .orElse("");
    }

    /**
     * Whether a sensor starts a warning. Never without the duct's reference (too few heat sensors read): a rise could
     * then be the whole duct's, and the warning is of a local one.
     */
    private static boolean warns(SensorState s) {
        return s.heat.corroborates(WARN_RISE_K, WARN_RATE_K_PER_MIN) && s.heat.aboveReference() >= WARN_RISE_K;
    }

    /** What a confirming sensor saw, as a FIRE's reason says it: a heat sensor's rise, a smoke detector's level. */
    static String confirmReason(SensorState confirming) {
        return confirming.heat != null ? riseReason(List.of(confirming))
                : String.format(Locale.ROOT, "%.1f %s at %s, smoke at %.0f %% of its alarm level",
                        confirming.latest.value(), confirming.latest.quantity().unit(), confirming.config.id(),
                        SMOKE_FRACTION * 100);
    }

    /** Each sensor's rise above its baseline and its rate, as an alarm's reason says them. */
    static String riseReason(List<SensorState> rising) {
        return rising.stream().map(s -> String.format(Locale.ROOT, "%s %.1f K above its baseline at %.1f K/min",
                s.config.id(), s.heat.rise(), s.heat.recentSlopeKPerMin())).collect(Collectors.joining("; "));
    }

    private boolean counts(SensorState s) {
        return !disablements.sensorDisabled(s.config.id()) && !disablements.zoneDisabled(s.zone()) && s.trusted(board);
    }

    /** Whether a position is so close to where two zones meet that an early estimate may be in the wrong one. */
    private boolean nearZoneBoundary(double positionM) {
        for (SiteConfig.Zone zone : site.zones()) {
            for (double edge : new double[] {zone.fromM(), zone.toM()}) {
                boolean inner = edge > site.duct().startM() && edge < site.duct().endM();
                if (inner && Math.abs(positionM - edge) < CLEAR_OF_BOUNDARY_M) {
                    return true;
                }
            }
        }
        return false;
    }
}
