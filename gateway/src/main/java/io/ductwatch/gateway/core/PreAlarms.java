package io.ductwatch.gateway.core;

import io.ductwatch.config.SiteConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The zones' PRE_ALARMs (DESIGN 3): a zone's one criterion or, before any criterion, its warning of a local rise
 * of heat ({@link Corroboration#warning}). Each evaluation {@link ZoneVerdict} offers what each zone's
 * PRE_ALARM would stand on, then this holds or releases them all together, so that a PRE_ALARM keeps its zone
 * while its estimate wobbles across a boundary: evidence located within {@link #KEEP_ZONE_WITHIN_M} of a zone
 * whose PRE_ALARM stands goes to that zone (which keeps its own evidence, if it has any) instead of clearing it and
 * raising one next door every few seconds. Unlike a FIRE, a PRE_ALARM may so stand a little outside its zone.
 * Not thread-safe: the engine's lock guards it.
 */
final class PreAlarms {

    /** How far outside its zone a standing PRE_ALARM's estimate may move before the zone next door takes it, m. */
    static final double KEEP_ZONE_WITHIN_M = Corroboration.CLEAR_OF_BOUNDARY_M;

    /** What one zone's PRE_ALARM would stand on: its sensors, and why: {@code why + " in " + zone + after}. */
    record Evidence(List<SensorState> behind, String why, String after, boolean test) {
    }

    private final SiteConfig site;
    private final AlarmBoard board;
    private final ToDoubleFunction<List<SensorState>> locate;
    private final Map<String, Evidence> offered = new LinkedHashMap<>();

    /** @param locate where the sensors behind an alarm put the fire (the duct's profile first) */
    PreAlarms(SiteConfig site, AlarmBoard board, ToDoubleFunction<List<SensorState>> locate) {
        this.site = site;
        this.board = board;
        this.locate = locate;
    }

    /** What a zone's PRE_ALARM would stand on in this evaluation; a zone offered nothing releases its own. */
    void offer(String zone, Evidence evidence) {
        offered.put(zone, evidence);
    }

    /** Whether a PRE_ALARM stands in a zone, or within {@link #KEEP_ZONE_WITHIN_M} outside it, of a position. */
    boolean standsNear(double positionM) {
        return !Double.isNaN(positionM) && site.zones().stream().anyMatch(z -> standing(z.id())
                && distance(z, positionM) <= KEEP_ZONE_WITHIN_M);
    }

    /** Holds, refines or releases every zone's PRE_ALARM on what was offered, then forgets the offers. */
    void decide(Instant at) {
        Map<String, Evidence> kept = new LinkedHashMap<>(offered);
        for (Map.Entry<String, Evidence> e : offered.entrySet()) {
            String zone = e.getKey();
            if (standing(zone)) {
                continue;
            }
            double position = locate.applyAsDouble(e.getValue().behind());
            for (SiteConfig.Zone other : site.zones()) {
                if (!other.id().equals(zone) && standing(other.id())
                        && distance(other, position) <= KEEP_ZONE_WITHIN_M) {
                    kept.remove(zone);
                    kept.putIfAbsent(other.id(), e.getValue());
                    break;
                }
            }
        }
        for (SiteConfig.Zone zone : site.zones()) {
            AlarmKey key = AlarmKey.zone(AlarmType.PRE_ALARM, zone.id());
            Evidence evidence = kept.get(zone.id());
            if (evidence == null) {
                board.release(key, at);
                continue;
            }
            List<SensorState> behind = evidence.behind();
            double position = locate.applyAsDouble(behind);
            List<String> ids = behind.stream().map(s -> s.config.id()).toList();
            Extent extent = ZoneVerdict.extentOf(behind);
            board.hold(key, AlarmType.PRE_ALARM, zone.id(), position, ids, Double.NaN, "",
                    evidence.why() + " in " + zone.id() + evidence.after(), evidence.test(), at, extent);
            board.refine(key, position, ids, extent, at);
        }
        offered.clear();
    }

    private boolean standing(String zone) {
        return board.isActive(AlarmKey.zone(AlarmType.PRE_ALARM, zone));
    }

    /** How far a position lies outside a zone; 0 inside it. */
    private static double distance(SiteConfig.Zone zone, double positionM) {
        return Math.max(0, Math.max(zone.fromM() - positionM, positionM - zone.toM()));
    }
}
