package io.ductwatch.gateway.core;

import io.ductwatch.config.SensorConfig.Kind;
import io.ductwatch.config.SiteConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The zones' verdicts and where the fire is (DESIGN 3): per zone FIRE on a call point or two trusted criteria (or
 * one, confirmed by a second heat sensor rising near the located fire, or a heat criterion by smoke there),
 * PRE_ALARM on one (or, before any criterion, on a heat sensor rising against the duct near the located fire); every
 * zone judged together, so a fire's smoke or heat in a neighbouring zone joins its FIRE; the fire located on the
 * duct's profile, and its estimate followed by UPDATED events. Not thread-safe: the engine owns it and calls it under
 * its lock.
 */
final class ZoneVerdict {

    /**
     * Criteria located this close to an active FIRE are that fire (as a fire grows, its heat spreads
     * downstream and its estimated position drifts); before a FIRE stands, a heat criterion farther than
     * this from where its fire is located is another fire, m.
     */
    static final double SAME_FIRE_WITHIN_M = 80.0;

    private final SiteConfig site;
    private final AlarmBoard board;
    private final Disablements disablements;
    private final Map<String, SensorState> sensors;
    private final Map<String, List<SensorState>> zoneSensors = new LinkedHashMap<>();
    private final Map<String, SiteConfig.Zone> zones = new LinkedHashMap<>();
    /** The sensors of each kind along the duct, in order of chainage. */
    private final Map<Kind, List<SensorState>> byKind = new java.util.EnumMap<>(Kind.class);
    private final DuctProfile profile;
    private final Corroboration corroboration;
    private final PreAlarms preAlarms;

    ZoneVerdict(SiteConfig site, AlarmBoard board, Disablements disablements, Map<String, SensorState> sensors) {
        this.site = site;
        this.board = board;
        this.disablements = disablements;
        this.sensors = sensors;
        for (SensorState state : sensors.values()) {
            byKind.computeIfAbsent(state.config.kind(), k -> new ArrayList<>()).add(state);
        }
        byKind.values().forEach(row -> row.sort(Comparator.comparingDouble(s -> s.config.positionM())));
        for (SiteConfig.Zone zone : site.zones()) {
            zoneSensors.put(zone.id(), sensors.values().stream().filter(s -> s.zone().equals(zone.id())).toList());
            zones.put(zone.id(), zone);
        }
        this.profile = new DuctProfile(site, board, sensors.values());
        this.corroboration = new Corroboration(site, board, disablements, byKind.getOrDefault(Kind.HEAT, List.of()),
                byKind.getOrDefault(Kind.SMOKE, List.of()));
        this.preAlarms = new PreAlarms(site, board, profile::locate);
    }


    /** What one fire explains: the call points and criteria located in one zone. */
    private static final class Group {
        final List<SensorState> callPoints = new ArrayList<>(1);
        final List<SensorState> criteria = new ArrayList<>(2);
    }

    /** One zone's trusted criteria and where they locate the fire. */
    private record Candidate(SiteConfig.Zone zone, List<SensorState> criteria, double positionM) {
    }

    /**
     * Every zone's verdict, judged together. The criteria of each zone are located on the duct's profile.
     * Criteria located within {@link #SAME_FIRE_WITHIN_M} of an active FIRE, or joined to it by an unbroken
     * run of neighbours in alarm ({@link #reaches}), are that fire's. Otherwise criteria go to the zone that
     * contains where they locate the fire, unless a heat sensor among them is farther than
     * {@link #SAME_FIRE_WITHIN_M} from it (heat is local: that is another fire; smoke may come from farther):
     * a fire's smoke or heat drifting along the duct. Both join
     * its zone instead of raising a FIRE in a zone the fire is not in. Then per zone: FIRE on a call point,
     * two trusted criteria, or one confirmed by a second heat sensor (a heat criterion also by smoke,
     * {@link Corroboration}); PRE_ALARM on one, or before any criterion on a local rise of heat
     * ({@link Corroboration#warning}).
     */
    void evaluate(Instant at) {
        profile.forget(); // fitted once per evaluation, at the first criterion that needs it
        Map<String, Group> groups = new LinkedHashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        for (SiteConfig.Zone zone : site.zones()) {
            String id = zone.id();
            if (disablements.zoneDisabled(id)) {
                continue;
            }
            List<SensorState> criteria = new ArrayList<>(2);
            for (SensorState s : zoneSensors.getOrDefault(id, List.of())) {
                if (disablements.sensorDisabled(s.config.id())) {
                    continue;
                }
                if (s.config.kind() == Kind.CALL_POINT && s.contactActive && s.latest != null && s.latest.isOk()) {
                    groups.computeIfAbsent(id, k -> new Group()).callPoints.add(s);
                } else if (s.criterion && fireCriterionKind(s.config.kind()) && (s.trusted(board) || s.hotOutOfRange)) {
                    criteria.add(s);
                }
            }
            if (!criteria.isEmpty()) {
                candidates.add(new Candidate(zone, criteria, profile.locate(criteria)));
            }
        }
        for (Candidate c : candidates) {
            groups.computeIfAbsent(fireZone(c), k -> new Group()).criteria.addAll(c.criteria());
        }
        for (SiteConfig.Zone zone : site.zones()) {
            verdict(zone.id(), groups.getOrDefault(zone.id(), new Group()), at);
        }
        preAlarms.decide(at);
    }

    /** The zone whose fire explains a zone's criteria: see {@link #evaluate(Instant)}. */
    private String fireZone(Candidate c) {
        double position = c.positionM();
        String own = c.zone().id();
        if (Double.isNaN(position)) {
            return own;
        }
        for (SiteConfig.Zone zone : site.zones()) {
            Optional<ActiveAlarm> fire = board.get(AlarmKey.zone(AlarmType.FIRE, zone.id()));
            if (fire.isPresent() && (Math.abs(fire.get().positionM() - position) <= SAME_FIRE_WITHIN_M
                    || c.criteria().stream().anyMatch(s -> reaches(s, fire.get().positionM(), this::inAlarm)))) {
                return zone.id();
            }
        }
        // Before a FIRE stands: heat is local, so a heat criterion far from where the fire is located is another
        // fire. Smoke travels the duct.
        if (c.criteria().stream().anyMatch(s -> s.heat != null
                && Math.abs(s.config.positionM() - position) > SAME_FIRE_WITHIN_M)) {
            return own;
        }
        if (c.zone().contains(position)) {
            return own;
        }
        return site.zones().stream().filter(z -> z.contains(position) && !disablements.zoneDisabled(z.id()))
                .map(SiteConfig.Zone::id).findFirst().orElse(own);
    }

    /**
     * Whether an unbroken run of neighbouring sensors of the same kind, all {@code inRun} (their criterion met, or
     * warm), leads from this one to within {@link #SAME_FIRE_WITHIN_M} of a position: the heat or smoke of one fire
     * spreading along the duct, however far its estimated position drifts. Two fires have sensors between them that
     * are quiet.
     */
    private boolean reaches(SensorState start, double positionM, Predicate<SensorState> inRun) {
        List<SensorState> row = byKind.get(start.config.kind());
        int at = row.indexOf(start);
        for (int step : new int[] {-1, 1}) {
            for (int i = at; i >= 0 && i < row.size(); i += step) {
                SensorState s = row.get(i);
                if (!inRun.test(s)) {
                    break;
                }
                if (Math.abs(s.config.positionM() - positionM) <= SAME_FIRE_WITHIN_M) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A sensor whose criterion is met and counts (trusted, or hot out of its range in the fire). */
    private boolean inAlarm(SensorState s) {
        return s.criterion && (s.trusted(board) || s.hotOutOfRange);
    }

    /** A heat sensor risen as far as a warning needs ({@link Corroboration#WARN_RISE_K}), or hot out of its range. */
    private boolean warm(SensorState s) {
        return s.hotOutOfRange || s.trusted(board) && s.heat.rise() >= Corroboration.WARN_RISE_K;
    }

    private void verdict(String zone, Group group, Instant at) {
        AlarmKey fireKey = AlarmKey.zone(AlarmType.FIRE, zone);
        AlarmKey preKey = AlarmKey.zone(AlarmType.PRE_ALARM, zone);
        if (disablements.zoneDisabled(zone)) {
            board.release(fireKey, at);
            return;
        }
        List<SensorState> callPoints = group.callPoints;
        List<SensorState> criteria = group.criteria;
        if (callPoints.isEmpty() && criteria.size() == 1 && !board.isActive(fireKey)) {
            SensorState only = criteria.get(0);
            criteria = corroboration.confirming(only, profile.locate(criteria)).map(c -> List.of(only, c))
                    .orElse(criteria);
        }
        boolean fire = !callPoints.isEmpty() || criteria.size() >= 2;
        boolean test = disablements.inTest(zone);
        if (fire && board.isActive(fireKey)) {
            board.reassert(fireKey);
            ActiveAlarm standing = board.get(fireKey).orElseThrow();
            if (!criteria.isEmpty() && callPoints.isEmpty() && !raisedByCallPoint(standing)) {
                // The estimate follows the fire near where it was found: its position, the sensors it reaches, the
                // stretch it covers.
                board.refine(fireKey, profile.locateNear(criteria, standing.firstExtent()), ids(criteria),
                        extentOf(criteria), at);
            }
        } else if (fire) {
            List<SensorState> behind = !callPoints.isEmpty() ? callPoints : criteria;
            double position = !callPoints.isEmpty() ? callPoints.get(0).config.positionM()
                    : profile.locate(criteria);
            String reason = !callPoints.isEmpty()
                    ? "manual call point " + callPoints.get(0).config.id() + " operated"
                    : reasonOf(criteria, zone);
            board.hold(fireKey, AlarmType.FIRE, zone, position, ids(behind), Double.NaN, "", reason, test, at,
                    extentOf(behind));
        } else {
            board.release(fireKey, at);
        }
        if (fire || board.isActive(fireKey)) {
            return;
        }
        if (criteria.size() == 1) {
            preAlarms.offer(zone, new PreAlarms.Evidence(criteria, criteria.get(0).criterionReason
                    + ": one criterion", "", test));
            return;
        }
        List<SensorState> warning = warning(zone, () -> board.isActive(preKey)
                || preAlarms.standsNear(profile.heatOnly()));
        if (!warning.isEmpty()) {
            preAlarms.offer(zone, new PreAlarms.Evidence(warning, Corroboration.riseReason(warning)
                    + ": a local rise of heat", ", no criterion met yet", test));
        }
    }

    /**
     * The heat sensors that warn of a fire in a zone ({@link Corroboration#warning}), less those a standing
     * FIRE explains.
     */
    private List<SensorState> warning(String zone, BooleanSupplier standing) {
        List<SensorState> warning = corroboration.warning(zones.get(zone), profile::heatOnly, standing);
        if (warning.isEmpty() || fireNear(profile.heatOnly())) {
            return List.of();
        }
        return warning.stream().filter(s -> !fireNear(s.config.positionM()) && !warmRunToFire(s)).toList();
    }

    /**
     * Whether an unbroken run of warm heat sensors ({@link #warm}) leads from this one to within
     * {@link #SAME_FIRE_WITHIN_M} of a standing FIRE: that fire's heat carried along the duct by the airflow, which
     * reaches farther than a fire's own heat (a measured 20 MW fire warmed sensors 120 m downstream within two
     * minutes).
     */
    private boolean warmRunToFire(SensorState s) {
        return site.zones().stream().map(z -> board.get(AlarmKey.zone(AlarmType.FIRE, z.id())))
                .anyMatch(f -> f.isPresent() && reaches(s, f.get().positionM(), this::warm));
    }

    /**
     * Whether a FIRE stands within {@link #SAME_FIRE_WITHIN_M} of a position (the located fire, or a warning
     * sensor): a local rise there is that fire's heat spreading along the duct, no warning of another.
     */
    private boolean fireNear(double positionM) {
        return !Double.isNaN(positionM) && site.zones().stream()
                .map(z -> board.get(AlarmKey.zone(AlarmType.FIRE, z.id())))
                .anyMatch(f -> f.isPresent() && Math.abs(f.get().positionM() - positionM) <= SAME_FIRE_WITHIN_M);
    }

    /** Why a FIRE is raised on criteria: each sensor's reason, and whether one of them only confirms. */
    private static String reasonOf(List<SensorState> criteria, String zone) {
        long met = criteria.stream().filter(s -> s.criterion).count();
        String why = criteria.stream().map(s -> s.criterion ? s.criterionReason : Corroboration.confirmReason(s))
                .collect(Collectors.joining("; "));
        String confirmedBy = criteria.stream().anyMatch(s -> !s.criterion && s.heat == null) ? "smoke"
                : "a second heat sensor";
        return why + ": " + (met >= 2 ? met + " criteria" : "one criterion confirmed by " + confirmedBy)
                + " in " + zone;
    }

    /** The stretch of duct the sensors cover. */
    static Extent extentOf(List<SensorState> states) {
        double from = states.stream().mapToDouble(st -> st.config.positionM()).min().orElse(Double.NaN);
        double to = states.stream().mapToDouble(st -> st.config.positionM()).max().orElse(Double.NaN);
        return new Extent(from, to, Extent.Spread.NONE);
    }

    /** A FIRE a call point raised stays where the call point is: a person reported the fire there. */
    private boolean raisedByCallPoint(ActiveAlarm fire) {
        return fire.sensors().stream().map(sensors::get)
                .anyMatch(s -> s != null && s.config.kind() == Kind.CALL_POINT);
    }

    private static boolean fireCriterionKind(Kind kind) {
        return kind == Kind.HEAT || kind == Kind.SMOKE || kind == Kind.CO;
    }

    private static List<String> ids(List<SensorState> states) {
        return states.stream().map(s -> s.config.id()).toList();
    }
}
