package io.ductwatch.simulator.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run's alarm events score against its scenario (DESIGN 2.5): the ignitions, the first time each
 * type was raised after the first thermal event, the first FIRE's time and location error as raised and 60 s
 * later, and the false alarms.
 */
final class Scoring {

    private Scoring() {
    }

    /** The summary of a run of {@code scenario} with {@code seed} that saw {@code recorded}, in any order. */
    static Summary summary(Scenario scenario, long seed, List<Summary.Alarm> recorded, List<Summary.Sms> sms,
                           Summary.Delivery delivery) {
        List<Summary.Alarm> alarms = recorded.stream()
                .sorted(Comparator.comparingDouble(Summary.Alarm::atS)).toList();
        List<Summary.Ignition> ignitions = new ArrayList<>();
        for (Scenario.Event e : scenario.events()) {
            if (e instanceof Scenario.Fire f) {
                ignitions.add(new Summary.Ignition(f.atS(), f.positionM()));
            } else if (e instanceof Scenario.Smoulder s) {
                ignitions.add(new Summary.Ignition(s.atS(), s.positionM()));
            } else if (e instanceof Scenario.Recorded r) {
                ignitions.add(new Summary.Ignition(r.atS(), r.firePositionM()));
            }
        }
        Optional<Double> origin = scenario.firstThermalEventS();
        Map<String, Double> first = new LinkedHashMap<>();
        for (String type : List.of("HEAT", "SMOKE", "CO", "WATER", "PRE_ALARM", "FIRE")) {
            Optional<Summary.Alarm> hit = alarms.stream().filter(a -> a.type().equals(type) && a.event().equals("RAISED")
                    && origin.map(o -> a.atS() >= o).orElse(true)).findFirst();
            first.put(type, hit.map(a -> a.atS() - origin.orElse(0.0)).orElse(null));
        }
        Double locationError = alarms.stream().filter(a -> a.type().equals("FIRE") && a.event().equals("RAISED")
                        && a.positionM() != null).findFirst()
                .flatMap(fire -> ignitions.stream().findFirst().map(i -> Math.abs(fire.positionM() - i.positionM())))
                .orElse(null);
        // The first FIRE after the first fire event, and its estimate 60 s later (the FIRE of a zone is one alarm:
        // its RAISED and the UPDATED events that refine it).
        Optional<Double> fireStart = scenario.firstFireS();
        Optional<Summary.Alarm> firstFire = alarms.stream().filter(a -> a.type().equals("FIRE")
                && a.event().equals("RAISED") && fireStart.map(o -> a.atS() >= o).orElse(false)).findFirst();
        Double firstFireS = firstFire.flatMap(f -> fireStart.map(o -> f.atS() - o)).orElse(null);
        Double refinedError = firstFire.flatMap(f -> alarms.stream().filter(a -> a.type().equals("FIRE")
                        && a.zone().equals(f.zone()) && a.atS() >= f.atS() && a.atS() <= f.atS() + 60
                        && (a.event().equals("RAISED") || a.event().equals("UPDATED")) && a.positionM() != null)
                .reduce((a, b) -> b))
                .flatMap(last -> ignitions.stream().findFirst().map(i -> Math.abs(last.positionM() - i.positionM())))
                .orElse(null);
        int falseAlarms = (int) alarms.stream().filter(a -> (a.type().equals("FIRE") || a.type().equals("PRE_ALARM"))
                && a.event().equals("RAISED") && origin.map(o -> a.atS() < o).orElse(true)).count();
        List<Summary.Alarm> troubles = alarms.stream().filter(a -> a.type().equals("TROUBLE")).toList();
        return new Summary(scenario.name(), seed, scenario.durationS(), ignitions, alarms, first,
                firstFireS, locationError, refinedError, falseAlarms, troubles, sms, delivery);
    }
}
