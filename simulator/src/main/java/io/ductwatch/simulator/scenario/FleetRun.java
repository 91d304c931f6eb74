package io.ductwatch.simulator.scenario;

import io.ductwatch.config.SiteConfig;
import io.ductwatch.gateway.app.Gateway;
import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmEventKind;
import io.ductwatch.gateway.core.AlarmListener;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.VirtualScheduler;
import io.ductwatch.gateway.uplink.MqttUplink;
import io.ductwatch.simulator.broker.EmbeddedBroker;
import io.ductwatch.simulator.physics.DuctPhysics;
import io.ductwatch.simulator.pi4j.SimulatedHardware;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A row of gateways along one duct (DESIGN 2.1 {@code fleet}): {@link FleetSites} makes each gateway's
 * section of the base site, one reference physics drives every gateway's emulated chips, and each gateway
 * runs as on its Pi (its own store, uplink, rules and engine) against one broker, embedded or given, with
 * an operator's subscriber per gateway counting what arrives. A {@link ReconnectWatch} times each gateway's
 * return after each broker loss (a broker restarted under the run). Virtual time, one second per step; at
 * speed 0 as fast as the machine goes, otherwise that many times real time (a broker restart is real time:
 * run at speed 1 to watch the fleet come back).
 */
public final class FleetRun {

    /**
     * @param base     the site every section is wired like; the first section is where it is
     * @param scenario positions in absolute chainage along the whole duct
     * @param speed    times real time; 0 for as fast as possible
     */
    public record Options(SiteConfig base, int gateways, Scenario scenario, long seed, double speed,
                          Optional<URI> broker, Path reportDir, Consumer<String> notices) {
    }

    private final Options options;
    private final Instant start;
    private final List<FleetSummary.Raised> fires = new CopyOnWriteArrayList<>();

    public FleetRun(Options options) {
        this.options = options;
        this.start = ScenarioRun.startOf(options.speed(), java.time.Clock.systemUTC());
    }

    /** The whole duct of a fleet of this base site, to check a fleet scenario's positions against. */
    public static SiteConfig wholeDuct(SiteConfig base, int gateways) {
        return FleetSites.wholeDuct(FleetSites.sections(base, gateways));
    }

    public FleetSummary run() throws IOException {
        List<SiteConfig> sites = FleetSites.sections(options.base(), options.gateways());
        Scenario scenario = options.scenario();
        VirtualScheduler scheduler = new VirtualScheduler(start);
        DuctPhysics physics = new DuctPhysics(FleetSites.wholeDuct(sites), scenario.ambient()::temperatureAt,
                options.seed());
        DuctDriver.addPhysics(scenario, physics);
        Path work = Files.createTempDirectory("ductwatch-fleet");
        EmbeddedBroker embedded = options.broker().isEmpty() ? EmbeddedBroker.start() : null;
        URI broker = options.broker().orElseGet(() -> URI.create(embedded.url()));
        List<Member> members = new ArrayList<>();
        try {
            for (SiteConfig site : sites) {
                members.add(new Member(site, scheduler, broker, work));
            }
            physics.step(0, ScenarioRun.PHYSICS_STEP_S);
            members.forEach(m -> m.expose(physics, 0));
            scheduler.scheduleAtFixedRate(Duration.ofMillis(500), Duration.ofMillis(500), () -> {
                double t = Duration.between(start, scheduler.now()).toMillis() / 1000.0;
                physics.step(t, ScenarioRun.PHYSICS_STEP_S);
                members.forEach(m -> m.expose(physics, t));
            });
            List<Supplier<MqttUplink>> uplinks = members.stream().<Supplier<MqttUplink>>map(m -> () -> m.gateway.uplink())
                    .toList();
            List<ReconnectWatch.Loss> losses;
            try (ReconnectWatch watch = new ReconnectWatch(uplinks, System::currentTimeMillis)) {
                RealTimePace pace = new RealTimePace(options.speed());
                for (double t = 1; t <= scenario.durationS(); t++) {
                    scheduler.advanceTo(start.plusMillis((long) (t * 1000)));
                    pace.reach(t);
                }
                members.forEach(m -> m.gateway.outbox().flush());
                for (Member m : members) {
                    m.recorder.awaitDelivered(m.gateway.outbox(), ScenarioRun.DRAIN_STALL);
                }
                losses = watch.losses();
            }
            List<FleetSummary.Gateway> gateways = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                Member m = members.get(i);
                int index = i;
                gateways.add(new FleetSummary.Gateway(m.site.gateway().id(), m.site.duct().startM(),
                        m.recorder.figures(m.gateway.outbox().lastSeq()),
                        losses.stream().map(l -> l.reconnectAtS()[index]).toList()));
            }
            FleetSummary summary = new FleetSummary(scenario.name(), options.seed(), gateways,
                    losses.stream().map(l -> new FleetSummary.BrokerLoss(ReconnectWatch.spreadS(l),
                            ReconnectWatch.maxPerSecond(l), (int) java.util.Arrays.stream(l.reconnectAtS())
                            .filter(Double::isFinite).count())).toList(), firesOf(scenario));
            Files.createDirectories(options.reportDir());
            summary.write(options.reportDir().resolve("fleet-summary.json"));
            summary.writeReport(options.reportDir().resolve("report.html"));
            return summary;
        } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
            throw new IOException("cannot subscribe to the broker " + broker + ": " + e.getMessage(), e);
        } finally {
            members.forEach(Member::close);
            if (embedded != null) {
                embedded.close();
            }
            try (java.util.stream.Stream<Path> paths = Files.walk(work)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Each fire of the scenario with the FIREs raised for it: every FIRE raised after its ignition. */
    private List<FleetSummary.Fire> firesOf(Scenario scenario) {
        List<FleetSummary.Fire> out = new ArrayList<>();
        for (Scenario.Event event : scenario.events()) {
            if (event instanceof Scenario.Fire f) {
                out.add(new FleetSummary.Fire(f.atS(), f.positionM(), fires.stream().filter(r -> r.atS() >= f.atS())
                        .toList()));
            }
        }
        return out;
    }

    /** One gateway of the fleet with its chips, its subscriber and its store. */
    private final class Member implements AutoCloseable {
        final SiteConfig site;
        final SimulatedHardware duct;
        final DeliveryRecorder recorder;
        final Gateway gateway;

        Member(SiteConfig site, VirtualScheduler scheduler, URI broker, Path work)
                throws org.eclipse.paho.client.mqttv3.MqttException {
            this.site = site;
            this.duct = SimulatedHardware.of(site, scheduler::now);
            String id = site.gateway().id();
            this.recorder = new DeliveryRecorder(broker.toString(), "ductwatch/" + site.site().id() + "/" + id + "/");
            AlarmListener fire = new AlarmListener() {
                @Override
                public void onEvent(AlarmEvent event) {
                    if (event.type() == AlarmType.FIRE && event.event() == AlarmEventKind.RAISED && !event.test()) {
                        fires.add(new FleetSummary.Raised(id, Duration.between(start, event.at()).toMillis() / 1000.0,
                                event.positionM()));
                    }
                }
            };
            this.gateway = Gateway.start(site, new Gateway.Environment(duct.context(), duct.w1(), scheduler,
                    () -> 0L, System::currentTimeMillis, host -> List.of(InetAddress.getLoopbackAddress()), () -> true,
                    "simulated clock", Optional.of(List.of(broker)), Optional.of(work.resolve(id + ".db")),
                    List.of(fire), recorder::acknowledged, modem -> duct.modem(modem, scheduler)));
        }

        void expose(DuctPhysics physics, double t) {
            String prefix = site.gateway().id() + ".";
            DuctDriver.expose(physics, duct, t, site.sensors(), id -> prefix + id);
        }

        @Override
        public void close() {
            gateway.close();
            duct.close();
            try {
                recorder.close();
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                options.notices().accept("subscriber of " + site.gateway().id() + ": " + e.getMessage());
            }
        }
    }
}
