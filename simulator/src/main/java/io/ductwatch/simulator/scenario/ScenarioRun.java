package io.ductwatch.simulator.scenario;

import io.ductwatch.config.SensorConfig;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.gateway.app.Gateway;
import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmListener;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.VirtualScheduler;
import io.ductwatch.simulator.broker.EmbeddedBroker;
import io.ductwatch.simulator.device.ChipFault;
import io.ductwatch.simulator.device.EmulatedModem;
import io.ductwatch.simulator.physics.DuctPhysics;
import io.ductwatch.gateway.uplink.LastKnownAddresses;
import io.ductwatch.gateway.uplink.NameResolver;
import io.ductwatch.simulator.net.FaultProxy;
import io.ductwatch.simulator.pi4j.SimulatedHardware;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One run of a scenario against the real gateway: the site's hardware emulated and driven by the
 * reference physics, the gateway (drivers, rules, store, uplink) wired as on a Pi, a broker (embedded, or
 * the one given) reached through a fault-injecting proxy and a resolver the scenario can fail, and an
 * operator's subscriber on the broker that records what arrives. A power cut abandons the gateway as a
 * crash would and starts a new one on the same store. Virtual time, one second per
 * step; at speed 0 as fast as the machine goes, otherwise that many times real time. Deterministic for a
 * seed, but for the delivery figures, which depend on real sockets.
 */
public final class ScenarioRun {

    /**
     * Virtual time starts here, the same for every run, so summaries repeat; but at speed 1 it starts at
     * the wall clock's now, so that commands from real tools (whose {@code issuedAt} is the wall clock) are
     * fresh for the simulated gateway. Summaries hold only times relative to the start either way.
     */
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final double PHYSICS_STEP_S = 0.5;
    /**
     * How long, in real time, the run waits at the end for the store to drain without any progress: a slow
     * machine that is still delivering is waited for, a stalled delivery ends the run with its losses counted.
     */
    static final Duration DRAIN_STALL = Duration.ofSeconds(60);
    /** The broker's name as the gateway knows it: resolved by the simulation's resolver, which can fail. */
    static final String BROKER_NAME = "broker.ductwatch.sim";

    /** What a live view is shown every few simulated seconds. */
    public record Frame(double atS, Map<String, Double> heatC, Map<String, Double> smokePctPerM,
                        List<String> activeAlarms) {
    }

    /** A live view of the run, called on the thread that runs the simulation. */
    @FunctionalInterface
    public interface View {

        /** The duct every {@link Options#viewEvery()} simulated seconds. */
        void frame(Frame frame);

        /** Each alarm event as the gateway raises, updates or clears it. */
        default void alarm(Summary.Alarm alarm) {
        }

        /** Each SMS the fallback modem sent, as the network takes it. */
        default void sms(Summary.Sms sms) {
        }

        /** A scenario event outside the duct, as it happens: the uplink cut or back, a power cut, a modem fault. */
        default void scenario(double atS, String what) {
        }
    }

    /**
     * @param speed     times real time; 0 for as fast as possible
     * @param broker    a broker to use instead of the embedded one
     * @param viewEvery how often the view is called, simulated seconds
     * @param notices   one-line news for the person running it (where the CoAP API listens)
     */
    public record Options(SiteConfig site, Scenario scenario, long seed, double speed, Optional<URI> broker,
                          Path reportDir, double viewEvery, View view, Consumer<String> notices) {
    }

    private final Options options;
    private final Instant start;
    private final List<Summary.Alarm> recorded = new CopyOnWriteArrayList<>();
    private final List<String> bootIds = new CopyOnWriteArrayList<>();

    public ScenarioRun(Options options) {
        this.options = options;
        this.start = startOf(options.speed(), java.time.Clock.systemUTC());
    }

    /** Where virtual time starts for a run at this speed (see {@link #START}). */
    static Instant startOf(double speed, java.time.Clock wall) {
        return speed == 1 ? wall.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) : START;
    }

    /** Starts the gateway and says where its CoAP API listens (ports change at a restart when they are free ones). */
    private Gateway startGateway(SiteConfig site, Gateway.Environment env) {
        Gateway gateway = Gateway.start(site, env);
        bootIds.add(gateway.outbox().bootId());
        String host = site.coap().bind().equals("0.0.0.0") ? "127.0.0.1" : site.coap().bind();
        options.notices().accept("CoAP API: coap://" + host + ":" + gateway.localApi().port()
                + gateway.localApi().securePort().stream().mapToObj(p -> " and coaps://" + host + ":" + p).findFirst()
                .orElse(""));
        return gateway;
    }

    public Summary run() throws IOException, InterruptedException {
        Scenario scenario = options.scenario();
        SiteConfig site = options.site();
        VirtualScheduler scheduler = new VirtualScheduler(start);
        DuctPhysics physics = new DuctPhysics(site, scenario.ambient()::temperatureAt, options.seed());
        Path work = Files.createTempDirectory("ductwatch-sim");
        EmbeddedBroker embedded = options.broker().isEmpty() ? EmbeddedBroker.start() : null;
        URI brokerUrl = options.broker().orElseGet(() -> URI.create(embedded.url()));
        String root = "ductwatch/" + site.site().id() + "/" + site.gateway().id() + "/";
        try (SimulatedHardware duct = SimulatedHardware.of(site, scheduler::now);
             DeliveryRecorder recorder = new DeliveryRecorder(brokerUrl.toString(), root);
             FaultProxy proxy = FaultProxy.start(new InetSocketAddress(brokerUrl.getHost(), brokerUrl.getPort()))) {
            schedule(scenario, physics, duct, scheduler);
            Optional<EmulatedModem> modem = site.fallback().map(f -> duct.modem(f.modem(), scheduler));
            modem.ifPresent(m -> m.onSent(sms -> options.view().sms(new Summary.Sms(seconds(sms.at()), sms.to(),
                    sms.text()))));
            AtomicBoolean dnsDown = new AtomicBoolean();
            NameResolver resolver = new LastKnownAddresses(host -> {
                if (dnsDown.get()) {
                    throw new UnknownHostException(host + ": DNS failure (scenario)");
                }
                return List.of(InetAddress.getLoopbackAddress());
            });
            AlarmListener listener = this::record;
            Gateway.Environment env = new Gateway.Environment(duct.context(), duct.w1(), scheduler,
                    () -> 0L, System::currentTimeMillis, resolver, () -> true, "simulated clock",
                    Optional.of(List.of(URI.create("tcp://" + BROKER_NAME + ":" + proxy.port()))),
                    Optional.of(work.resolve("store.db")), List.of(listener), recorder::acknowledged,
                    config -> duct.modem(config, scheduler));
            // The chips read the duct as the physics has it before the gateway's first sample: a duct at 30 °C
            // reads 30 °C from the start, as real sensors would, not 20 °C rising to 30 °C.
            expose(physics, duct, 0, site);
            scheduler.scheduleAtFixedRate(Duration.ofMillis((long) (PHYSICS_STEP_S * 1000)),
                    Duration.ofMillis((long) (PHYSICS_STEP_S * 1000)),
                    () -> expose(physics, duct, seconds(scheduler.now()), site));
            AtomicReference<Gateway> gateway = new AtomicReference<>(startGateway(site, env));
            new OutsideEvents(scenario, scheduler, options.view()).schedule(proxy, dnsDown, gateway,
                    () -> startGateway(site, env), modem);
            AcknowledgementWait acknowledgements = new AcknowledgementWait(proxy);
            RealTimePace pace = new RealTimePace(options.speed());
            double nextView = 0;
            RunTrace trace = new RunTrace(site);
            for (double t = 1; t <= scenario.durationS(); t++) {
                acknowledgements.settle(gateway.get());
                scheduler.advanceTo(start.plusMillis((long) (t * 1000)));
                trace.sample(t, physics, () -> Optional.ofNullable(gateway.get())
                        .map(g -> g.runtime().engine().latestReadings()).orElse(Map.of()));
                if (t >= nextView) {
                    options.view().frame(frame(t, gateway.get(), site));
                    nextView += options.viewEvery();
                }
                pace.reach(t);
            }
            Gateway last = gateway.get();
            if (last == null) {
                last = startGateway(site, env); // a power cut lasting past the end: the gateway comes back to report
            }
            proxy.mode(FaultProxy.Mode.PASS);
            dnsDown.set(false);
            last.outbox().flush();
            drain(last, recorder);
            long published = last.outbox().lastSeq();
            last.close();
            List<Summary.Sms> sms = duct.modem().map(m -> m.sent().stream().map(x -> new Summary.Sms(seconds(x.at()),
                    x.to(), withoutBootIds(x.text()))).toList()).orElse(List.of());
            Summary summary = Scoring.summary(scenario, options.seed(), recorded, sms, recorder.figures(published));
            Files.createDirectories(options.reportDir());
            summary.write(options.reportDir().resolve("summary.json"));
            new ReportWriter(site, scenario, summary, trace).write(options.reportDir().resolve("report.html"));
            return summary;
        } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
            throw new IOException("cannot subscribe to the broker " + brokerUrl + ": " + e.getMessage(), e);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
            deleteTree(work);
        }
    }

    /**
     * An SMS's text with the gateway's boot ids (random, part of every alarm id) written {@code {bootId}}: the
     * summary repeats byte for byte for a seed (DESIGN 2.5).
     */
    private String withoutBootIds(String text) {
        String result = text;
        for (String id : bootIds) {
            result = result.replace(id, "{bootId}");
        }
        return result;
    }

    /** The run's store and anything else it kept in its temporary folder: a run leaves nothing behind. */
    private static void deleteTree(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private double seconds(Instant at) {
        return Duration.between(start, at).toMillis() / 1000.0;
    }

    /** Registers the scenario's events: the physics ones with the physics, the rest on the timeline. */
    private static void schedule(Scenario scenario, DuctPhysics physics, SimulatedHardware duct,
                                 VirtualScheduler scheduler) {
        DuctDriver.addPhysics(scenario, physics);
        for (Scenario.Event event : scenario.events()) {
            Duration at = Duration.ofMillis((long) (event.atS() * 1000));
            if (event instanceof Scenario.Contact c) {
                scheduler.schedule(at, () -> duct.setContact(c.sensor(), c.active()));
                c.durationS().ifPresent(d -> scheduler.schedule(at.plusMillis((long) (d * 1000)),
                        () -> duct.setContact(c.sensor(), !c.active())));
            } else if (event instanceof Scenario.SensorFault f) {
                ChipFault fault = switch (f.mode()) {
                    case "stuck" -> ChipFault.STUCK;
                    case "dropout" -> ChipFault.DROPOUT;
                    case "crc" -> ChipFault.CORRUPT;
                    case "nack" -> ChipFault.NACK;
                    case "slow" -> ChipFault.SLOW;
                    case "disconnect" -> ChipFault.DISCONNECT;
                    default -> throw new IllegalArgumentException("sensor fault mode '" + f.mode()
                            + "' is not simulated (the scenario schema lists the modes)");
                };
                scheduler.schedule(at, () -> duct.setFault(f.sensor(), fault));
                f.durationS().ifPresent(d -> scheduler.schedule(at.plusMillis((long) (d * 1000)),
                        () -> duct.setFault(f.sensor(), ChipFault.NONE)));
            }
        }
    }

    /** Sets every emulated sensor to what the physics says it sees now. */
    private static void expose(DuctPhysics physics, SimulatedHardware duct, double t, SiteConfig site) {
        physics.step(t, PHYSICS_STEP_S);
        DuctDriver.expose(physics, duct, t, site.sensors(), id -> id);
    }

    private void record(AlarmEvent event) {
        Summary.Alarm alarm = new Summary.Alarm(event.type().name(), event.event().name(), seconds(event.at()),
                Double.isNaN(event.positionM()) ? null : event.positionM(), event.zone(), event.sensors(),
                event.reason());
        recorded.add(alarm);
        options.view().alarm(alarm);
    }

    private Frame frame(double t, Gateway gateway, SiteConfig site) {
        Map<String, Double> heat = new LinkedHashMap<>();
        if (gateway == null) {
            return new Frame(t, heat, heat, List.of("POWER CUT: the gateway is down"));
        }
        Map<String, Double> smoke = new LinkedHashMap<>();
        gateway.runtime().engine().latestReadings().forEach((id, r) -> {
            SensorConfig.Kind kind = site.sensor(id).orElseThrow().kind();
            if (kind == SensorConfig.Kind.HEAT) {
                heat.put(id, r.isOk() ? r.value() : Double.NaN);
            } else if (kind == SensorConfig.Kind.SMOKE) {
                smoke.put(id, r.isOk() ? r.value() : Double.NaN);
            }
        });
        List<String> active = gateway.runtime().engine().activeAlarms().stream()
                .filter(a -> a.type() != AlarmType.HEAT && a.type() != AlarmType.SMOKE)
                .map(a -> a.type() + (a.zone().isEmpty() ? "" : " " + a.zone())
                        + (Double.isNaN(a.positionM()) ? "" : String.format(Locale.ROOT, " @%.1f m", a.positionM())))
                .toList();
        return new Frame(t, heat, smoke, active);
    }

    private void drain(Gateway gateway, DeliveryRecorder recorder) {
        long backlog = gateway.outbox().pending();
        if (backlog > 0) {
            options.notices().accept("delivering the " + backlog + " messages still in the gateway's store");
        }
        recorder.awaitDelivered(gateway.outbox(), DRAIN_STALL);
    }
}
