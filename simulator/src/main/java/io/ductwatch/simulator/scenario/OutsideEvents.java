package io.ductwatch.simulator.scenario;

import io.ductwatch.gateway.app.Gateway;
import io.ductwatch.gateway.core.VirtualScheduler;
import io.ductwatch.simulator.device.EmulatedModem;
import io.ductwatch.simulator.net.FaultProxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A scenario's events outside the duct, on the run's timeline: the uplink's faults (through the proxy and
 * the resolver), power cuts (the gateway abandoned as a crash would, and started again), the modem's faults
 * and the SMS that reach it; each told to the live view as it happens.
 */
final class OutsideEvents {

    private final Scenario scenario;
    private final VirtualScheduler scheduler;
    private final ScenarioRun.View view;

    OutsideEvents(Scenario scenario, VirtualScheduler scheduler, ScenarioRun.View view) {
        this.scenario = scenario;
        this.scheduler = scheduler;
        this.view = view;
    }

    /**
     * @param gateway the running gateway, null while a power cut lasts
     * @param restart starts the gateway again after a power cut
     * @param modem   the site's emulated modem, if it has one
     */
    void schedule(FaultProxy proxy, AtomicBoolean dnsDown, AtomicReference<Gateway> gateway, Supplier<Gateway> restart,
                  Optional<EmulatedModem> modem) {
        uplinkAndPower(proxy, dnsDown, gateway, restart);
        modem.ifPresent(this::modem);
        tell();
    }

    /** The uplink's faults go through the proxy and the resolver; a power cut abandons the gateway. */
    private void uplinkAndPower(FaultProxy proxy, AtomicBoolean dnsDown, AtomicReference<Gateway> gateway,
                                Supplier<Gateway> restart) {
        for (Scenario.Event event : scenario.events()) {
            Duration at = Duration.ofMillis((long) (event.atS() * 1000));
            if (event instanceof Scenario.Uplink u) {
                Duration end = at.plusMillis((long) (u.durationS() * 1000));
                scheduler.schedule(at, () -> {
                    switch (u.mode()) {
                        case "down", "brokerRestart" -> proxy.mode(FaultProxy.Mode.DOWN);
                        case "halfOpen" -> proxy.mode(FaultProxy.Mode.HALF_OPEN);
                        default -> {
                            dnsDown.set(true);
                            proxy.dropAll();
                        }
                    }
                });
                scheduler.schedule(end, () -> {
                    dnsDown.set(false);
                    proxy.mode(FaultProxy.Mode.PASS);
                });
            } else if (event instanceof Scenario.PowerCut cut) {
                scheduler.schedule(at, () -> {
                    Gateway dying = gateway.getAndSet(null);
                    if (dying != null) {
                        dying.abandon();
                    }
                });
                scheduler.schedule(at.plusMillis((long) (cut.durationS() * 1000)),
                        () -> gateway.compareAndSet(null, restart.get()));
            }
        }
    }

    /** Tells the view of the faults outside the duct when they happen. */
    private void tell() {
        for (Scenario.Event event : scenario.events()) {
            Duration at = Duration.ofMillis((long) (event.atS() * 1000));
            String what = event instanceof Scenario.Uplink u ? "uplink " + u.mode() + " for " + fmt(u.durationS()) + " s"
                    : event instanceof Scenario.PowerCut p ? "power cut for " + fmt(p.durationS()) + " s"
                    : event instanceof Scenario.Modem m ? "modem " + m.mode()
                    + m.durationS().map(d -> " for " + fmt(d) + " s").orElse("")
                    : event instanceof Scenario.Sms sms ? "SMS from " + sms.from() + ": " + sms.text() : null;
            if (what != null) {
                scheduler.schedule(at, () -> view.scenario(event.atS(), what));
            }
            Optional<Double> end = event instanceof Scenario.Uplink u ? Optional.of(u.durationS())
                    : event instanceof Scenario.Modem m ? m.durationS() : Optional.empty();
            end.ifPresent(d -> scheduler.schedule(at.plusMillis((long) (d * 1000)), () -> view.scenario(
                    event.atS() + d, event instanceof Scenario.Uplink ? "uplink back" : "modem back")));
        }
    }

    private static String fmt(double seconds) {
        return seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds);
    }

    /** The modem's faults and the SMS that reach it. */
    private void modem(EmulatedModem modem) {
        for (Scenario.Event event : scenario.events()) {
            Duration at = Duration.ofMillis((long) (event.atS() * 1000));
            if (event instanceof Scenario.Modem m) {
                EmulatedModem.Fault fault = switch (m.mode()) {
                    case "noSignal" -> EmulatedModem.Fault.NO_SIGNAL;
                    case "simMissing" -> EmulatedModem.Fault.SIM_MISSING;
                    case "gone" -> EmulatedModem.Fault.GONE;
                    case "hang" -> EmulatedModem.Fault.HANG;
                    case "smsError" -> EmulatedModem.Fault.SMS_ERROR;
                    default -> throw new IllegalArgumentException("modem fault mode '" + m.mode()
                            + "' is not simulated (the scenario schema lists the modes)");
                };
                scheduler.schedule(at, () -> modem.setFault(fault));
                m.durationS().ifPresent(d -> scheduler.schedule(at.plusMillis((long) (d * 1000)),
                        () -> modem.setFault(EmulatedModem.Fault.NONE)));
            } else if (event instanceof Scenario.Sms sms) {
                scheduler.schedule(at, () -> modem.receive(sms.from(), sms.text()));
            }
        }
    }

}
