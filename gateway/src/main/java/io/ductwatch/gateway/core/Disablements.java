package io.ductwatch.gateway.core;

import io.ductwatch.config.SiteConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What operators disabled or put in test, and until when (DESIGN 3): a disabled sensor or zone raises
 * nothing, a zone in test marks its alarms test. Targets are typed, so a zone and a sensor never share a
 * key. Not thread-safe: the engine owns it and calls it under its lock.
 */
final class Disablements {

    /** The longest a disablement or a test may last. */
    static final Duration LONGEST = Duration.ofDays(7);

    /** A command's target: a zone or a sensor, by id. */
    record Target(boolean zone, String id) {
        static Target zone(String id) {
            return new Target(true, id);
        }

        static Target sensor(String id) {
            return new Target(false, id);
        }
    }

    /** A disablement or a test that ran out. */
    record Expired(String id, boolean test) {
    }

    private final SiteConfig site;
    private final Map<Target, Instant> disabledUntil = new LinkedHashMap<>();
    private final Map<String, Instant> testUntil = new LinkedHashMap<>();

    Disablements(SiteConfig site) {
        this.site = site;
    }

    /** The target an operator names: a zone if the site has a zone of that id, else a sensor. */
    Target targetOf(String id) {
        return site.zone(id).isPresent() ? Target.zone(id) : Target.sensor(id);
    }

    boolean zoneDisabled(String zone) {
        return !disabledUntil.isEmpty() && disabledUntil.containsKey(Target.zone(zone));
    }

    boolean sensorDisabled(String sensor) {
        return !disabledUntil.isEmpty() && disabledUntil.containsKey(Target.sensor(sensor));
    }

    /** Whether a sensor or zone (as an operator names it) is disabled. */
    boolean disabled(String sensorOrZone) {
        return disabledUntil.containsKey(targetOf(sensorOrZone));
    }

    boolean inTest(String zone) {
        return testUntil.containsKey(zone);
    }

    /** Why a target and expiry cannot be taken, if they cannot. */
    Optional<String> problem(String target, Instant until, Instant at) {
        if (site.zone(target).isEmpty() && site.sensor(target).isEmpty()) {
            return Optional.of("no sensor or zone " + target);
        }
        if (!until.isAfter(at)) {
            return Optional.of("expiry " + until + " is not in the future");
        }
        if (Duration.between(at, until).compareTo(LONGEST) > 0) {
            return Optional.of("expiry " + until + " is more than 7 days ahead");
        }
        return Optional.empty();
    }

    /** Disables a checked target until then; returns it, typed. */
    Target disable(String target, Instant until) {
        Target typed = targetOf(target);
        disabledUntil.put(typed, until);
        return typed;
    }

    /** Puts a checked zone in test until then. */
    void test(String zone, Instant until) {
        testUntil.put(zone, until);
    }

    /** Ends a target's disablement and test; false when it had neither. */
    boolean enable(String target) {
        boolean wasDisabled = disabledUntil.remove(targetOf(target)) != null;
        boolean wasInTest = testUntil.remove(target) != null;
        return wasDisabled || wasInTest;
    }

    /** Ends what ran out by {@code now}, and says what it was. */
    List<Expired> expire(Instant now) {
        if (disabledUntil.isEmpty() && testUntil.isEmpty()) {
            return List.of();
        }
        List<Expired> expired = new ArrayList<>();
        disabledUntil.entrySet().removeIf(e -> {
            boolean over = !e.getValue().isAfter(now);
            if (over) {
                expired.add(new Expired(e.getKey().id(), false));
            }
            return over;
        });
        testUntil.entrySet().removeIf(e -> {
            boolean over = !e.getValue().isAfter(now);
            if (over) {
                expired.add(new Expired(e.getKey(), true));
            }
            return over;
        });
        return expired;
    }
}
