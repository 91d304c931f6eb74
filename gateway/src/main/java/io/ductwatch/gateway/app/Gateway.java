package io.ductwatch.gateway.app;

import com.pi4j.context.Context;
import io.ductwatch.config.CoapConfig;
import io.ductwatch.config.FallbackConfig;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.gateway.core.ActiveAlarm;
import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmListener;
import io.ductwatch.gateway.core.GatewayHealth;
import io.ductwatch.gateway.core.Scheduler;
import io.ductwatch.gateway.local.EngineView;
import io.ductwatch.gateway.local.LocalApi;
import io.ductwatch.gateway.local.PskFile;
import io.ductwatch.gateway.modem.JSerialCommLine;
import io.ductwatch.gateway.modem.SerialLine;
import io.ductwatch.gateway.sensor.SysfsTree;
import io.ductwatch.gateway.store.SqliteOutbox;
import io.ductwatch.gateway.uplink.CommandHandler;
import io.ductwatch.gateway.uplink.Credentials;
import io.ductwatch.gateway.uplink.Delivery;
import io.ductwatch.gateway.payload.GatewayStatus;
import io.ductwatch.gateway.uplink.MinuteAggregates;
import io.ductwatch.gateway.uplink.MqttUplink;
import io.ductwatch.gateway.uplink.UplinkSettings;
import io.ductwatch.gateway.uplink.NameResolver;
import io.ductwatch.gateway.uplink.ReconnectBackoff;
import io.ductwatch.gateway.payload.Payloads;
import io.ductwatch.gateway.uplink.TlsFiles;
import io.ductwatch.gateway.uplink.sparkplug.SparkplugNode;
import io.ductwatch.gateway.uplink.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import javax.net.SocketFactory;

/**
 * The whole gateway: sensing and deciding ({@link GatewayRuntime}), the store, the uplink. Built the same
 * way on a Pi and in the simulator, which passes its own hardware, clock, resolver and broker.
 *
 * <p>{@link #close()} stops in order: sampling stops and outputs go fail-safe, readings are flushed, the
 * uplink publishes the offline status and disconnects, the store closes. It is idempotent.
 */
public final class Gateway implements AutoCloseable {

    /**
     * What differs between a Pi and the simulator.
     *
     * @param timeSynced   whether the clock is known to be right, asked at every use (NTP may sync late)
     * @param clockHint    what an installer checks while the clock is not synced
     * @param acknowledged told of each seq the broker acknowledged, on the uplink's thread; must not block
     * @param modemLine    the serial line of the site's fallback modem
     */
    public record Environment(Context pi4j, SysfsTree w1, Scheduler scheduler, LongSupplier nanoTime,
                              LongSupplier wallMillis, NameResolver resolver, BooleanSupplier timeSynced,
                              String clockHint, Optional<List<URI>> brokers, Optional<Path> storePath,
                              List<AlarmListener> listeners, LongConsumer acknowledged,
                              Function<FallbackConfig.Modem, SerialLine> modemLine) {

        /** A Pi's: acknowledgements nobody watches, the modem on a real serial port (jSerialComm). */
        public Environment(Context pi4j, SysfsTree w1, Scheduler scheduler, LongSupplier nanoTime,
                           LongSupplier wallMillis, NameResolver resolver, BooleanSupplier timeSynced,
                           String clockHint, Optional<List<URI>> brokers, Optional<Path> storePath,
                           List<AlarmListener> listeners) {
            this(pi4j, w1, scheduler, nanoTime, wallMillis, resolver, timeSynced, clockHint, brokers, storePath,
                    listeners, seq -> { }, modem -> new JSerialCommLine(modem.device(), modem.baud()));
        }
    }

    /** Readings are thinned once the store holds more than this share of its cap. */
    public static final double THIN_ABOVE = 0.95;
    /** How often the maintenance timer checks the store's size and thins it. */
    public static final Duration THIN_EVERY = Duration.ofSeconds(10);

    private final SqliteOutbox outbox;
    private final MqttUplink uplink;
    private final GatewayRuntime runtime;
    private final LocalApi localApi;
    private final Optional<FallbackPath> fallback;
    private final Optional<SparkplugNode> sparkplug;
    private final List<Scheduler.Cancellable> timers = new ArrayList<>();
    private boolean closed;

    private Gateway(SqliteOutbox outbox, MqttUplink uplink, GatewayRuntime runtime, LocalApi localApi,
                    Optional<FallbackPath> fallback, Optional<SparkplugNode> sparkplug) {
        this.outbox = outbox;
        this.uplink = uplink;
        this.runtime = runtime;
        this.localApi = localApi;
        this.fallback = fallback;
        this.sparkplug = sparkplug;
    }

    public static Gateway start(SiteConfig site, Environment env) {
        LocalApi.Settings localSettings = localSettings(site);
        Scheduler scheduler = env.scheduler();
        Path storePath = env.storePath().orElse(site.store().path());
        SqliteOutbox outbox = SqliteOutbox.open(storePath, scheduler.now());
        Instant startedAt = scheduler.now();
        Payloads payloads = new Payloads(outbox.bootId());
        Topics topics = Topics.of(site.site().id(), site.gateway().id());
        List<GatewayRuntime> runtimeRef = new ArrayList<>(1);
        Optional<TlsFiles> tls = tls(site);
        Optional<Credentials> credentials = credentials(site);
        UplinkSettings settings = new UplinkSettings(env.brokers().orElse(site.uplink().brokers()),
                site.uplink().clientId(), site.uplink().keepalive(), 64, site.uplink().replayPerS(),
                Duration.ofSeconds(10), tls.map(Gateway::socketFactory), credentials.map(Credentials::username),
                credentials.map(Credentials::password).orElse(new char[0]),
                ReconnectBackoff.slotOf(site.site().id(), site.duct().startM(), site.duct().lengthM()));
        AtomicReference<CommandHandler> commands = new AtomicReference<>();
        AtomicReference<MqttUplink> uplinkRef = new AtomicReference<>();
        EventLog audit = new EventLog();
        Optional<FallbackPath> fallback = site.fallback().map(f -> FallbackPath.create(site, f,
                env.modemLine().apply(f.modem()), scheduler, payloads, topics.sms(), env.timeSynced(),
                new FallbackPath.Ports(() -> uplinkState(uplinkRef.get()), outbox, audit::onAudit,
                        () -> Optional.ofNullable(uplinkRef.get()).ifPresent(MqttUplink::wake))));
        LongConsumer acknowledged = fallback.<LongConsumer>map(path -> seq -> {
            env.acknowledged().accept(seq);
            path.policy().acknowledged(seq);
        }).orElse(env.acknowledged());
        MqttUplink.Inbound inbound = (topic, payload, retained) -> {
            CommandHandler handler = commands.get();
            if (handler != null) {
                scheduler.schedule(Duration.ZERO, () -> handler.handle(topic, payload, retained));
            }
        };
        MqttUplink uplink = new MqttUplink(settings, topics, new ObservedOutbox(outbox, acknowledged),
                env.resolver(),
                () -> payloads.status(status(runtimeRef, outbox, startedAt, scheduler, env, "connected")),
                payloads.offline(startedAt, Version.current()), env.wallMillis(), inbound);
        uplinkRef.set(uplink);
        Optional<SparkplugNode> sparkplug = site.sparkplug().map(config -> new SparkplugNode(site, config,
                new SparkplugNode.Wiring(settings.withClientId(config.clientId()), env.resolver(),
                        storePath.resolveSibling(storePath.getFileName() + ".sparkplug-bdseq"), topics,
                        outbox.bootId(), () -> status(runtimeRef, outbox, startedAt, scheduler, env,
                        uplink.state() == MqttUplink.State.CONNECTED ? "connected" : "lost"), scheduler::now,
                        inbound)));
        Delivery delivery = new Delivery(outbox, payloads, topics, uplink, env.timeSynced(), scheduler::now,
                (event, seq) -> fallback.ifPresent(path -> path.policy().staged(event, seq)));
        List<AlarmListener> listeners = new ArrayList<>(env.listeners());
        fallback.ifPresent(path -> listeners.add(path.policy())); // before the store's: it hears of each alarm first
        listeners.add(delivery);
        sparkplug.ifPresent(listeners::add);
        // The CoAP API starts once the engine it shows exists; until then it has no observers to tell.
        AtomicReference<LocalApi> localApi = new AtomicReference<>();
        listeners.add(new AlarmListener() {
            @Override
            public void onEvent(AlarmEvent event) {
            }

            @Override
            public void onActiveChanged(List<ActiveAlarm> active) {
                Optional.ofNullable(localApi.get()).ifPresent(api -> api.onActiveChanged(active));
            }
        });
        AtomicLong alarmIds = new AtomicLong();
        GatewayRuntime runtime = GatewayRuntime.start(site, env.pi4j(), env.w1(), scheduler, env.nanoTime(),
                () -> outbox.bootId() + "-" + alarmIds.incrementAndGet(), listeners, readings -> {
                    delivery.readings(readings);
                    Optional.ofNullable(localApi.get()).ifPresent(api -> api.onReadings(readings));
                    sparkplug.ifPresent(node -> node.readings(readings));
                });
        runtimeRef.add(runtime);
        try {
            localApi.set(LocalApi.start(localSettings, new EngineView(runtime.engine(), scheduler, payloads,
                    () -> payloads.status(status(runtimeRef, outbox, startedAt, scheduler, env,
                            uplink.state() == MqttUplink.State.CONNECTED ? "connected" : "lost"))), site.sensors()));
        } catch (RuntimeException e) {
            runtime.close();
            uplink.close();
            outbox.close();
            throw e;
        }
        commands.set(new CommandHandler(topics, site.uplink().operators(), runtime.engine(), outbox, payloads,
                scheduler::now, env.timeSynced(), uplink::wake, audit::onAudit));
        Gateway gateway = new Gateway(outbox, uplink, runtime, localApi.get(), fallback, sparkplug);
        delivery.announceLost(outbox.lostSeqs(), "not committed before the gateway stopped (power cut or crash)");
        gateway.timers.add(scheduler.scheduleAtFixedRate(site.store().commitInterval(), site.store().commitInterval(),
                delivery::flush));
        MinuteAggregates thinner = new MinuteAggregates(payloads, env.timeSynced());
        gateway.timers.add(scheduler.scheduleAtFixedRate(Duration.ZERO, THIN_EVERY, () -> {
            if (outbox.enforceCap(site.store().maxBytes(), THIN_ABOVE, scheduler.now(), topics.reading(), topics.gap(),
                    thinner) > 0) {
                uplink.wake();
            }
        }));
        gateway.timers.add(new GatewayHealth(runtime.engine(), scheduler, env.wallMillis(), site.rules().trouble(),
                site.store().maxBytes(), uplink, outbox, env.timeSynced(), env.clockHint(),
                (margin, at) -> tls.map(files -> files.expiringWithin(margin, at)).orElse(List.of())).start());
        outbox.previousBootId().ifPresent(uplink::previousBoot);
        uplink.start();
        sparkplug.ifPresent(SparkplugNode::start);
        fallback.ifPresent(path -> path.start(runtime.engine()));
        return gateway;
    }

    private static Optional<TlsFiles> tls(SiteConfig site) {
        if (site.uplink().tls().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TlsFiles.load(site.uplink().tls().get()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("uplink TLS files cannot be used: " + e.getMessage(), e);
        }
    }

    private static SocketFactory socketFactory(TlsFiles files) {
        try {
            return files.socketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("uplink TLS cannot be set up: " + e.getMessage(), e);
        }
    }

    private static LocalApi.Settings localSettings(SiteConfig site) {
        CoapConfig coap = site.coap();
        Optional<PskFile> keys = Optional.empty();
        if (coap.pskFile().isPresent()) {
            try {
                keys = Optional.of(PskFile.read(coap.pskFile().get()));
            } catch (IOException e) {
                throw new IllegalStateException("CoAP PSK file cannot be used: " + e.getMessage(), e);
            }
        }
        return new LocalApi.Settings(new InetSocketAddress(coap.bind(), coap.port()), coap.securePort(),
                coap.openReads(), keys);
    }

    private static Optional<Credentials> credentials(SiteConfig site) {
        if (site.uplink().credentialsFile().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Credentials.read(site.uplink().credentialsFile().get()));
        } catch (IOException e) {
            throw new IllegalStateException("uplink credentials cannot be read: " + e.getMessage(), e);
        }
    }

    private static GatewayStatus status(List<GatewayRuntime> runtimeRef, SqliteOutbox outbox, Instant startedAt,
                                        Scheduler scheduler, Environment env, String uplinkState) {
        int faulty = runtimeRef.isEmpty() ? 0 : runtimeRef.get(0).engine().faultySensors().size();
        int total = runtimeRef.isEmpty() ? 0 : runtimeRef.get(0).engine().latestReadings().size();
        return new GatewayStatus(true, scheduler.now(), startedAt, Version.current(), uplinkState, outbox.pending(),
                outbox.oldestPending().orElse(null), Math.max(0, total - faulty), faulty, outbox.lastSeq(),
                env.timeSynced().getAsBoolean());
    }

    private static String uplinkState(MqttUplink uplink) {
        if (uplink == null || uplink.state() == MqttUplink.State.CONNECTED) {
            return "connected";
        }
        return "down " + uplink.downFor().toSeconds() + " s";
    }

    /** How many alarms the fallback path holds until the broker acknowledges them; 0 without one. */
    public int fallbackAwaiting() {
        return fallback.map(path -> path.policy().awaiting()).orElse(0);
    }

    public GatewayRuntime runtime() {
        return runtime;
    }

    public LocalApi localApi() {
        return localApi;
    }

    public SqliteOutbox outbox() {
        return outbox;
    }

    public MqttUplink uplink() {
        return uplink;
    }

    /**
     * Stops as a power cut or a {@code kill -9} would: no reading flushed, no offline status (the broker
     * publishes the will), the store left as it is. The simulator's power cut; a real gateway never calls it.
     */
    public synchronized void abandon() {
        if (closed) {
            return;
        }
        closed = true;
        timers.forEach(Scheduler.Cancellable::cancel);
        fallback.ifPresent(FallbackPath::close);
        localApi.close();
        runtime.abandon();
        sparkplug.ifPresent(SparkplugNode::abandon);
        uplink.abandon();
        outbox.abandon();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        timers.forEach(Scheduler.Cancellable::cancel);
        fallback.ifPresent(FallbackPath::close);
        localApi.close();
        runtime.close();
        outbox.flush();
        sparkplug.ifPresent(SparkplugNode::close);
        uplink.close();
        outbox.close();
    }
}
