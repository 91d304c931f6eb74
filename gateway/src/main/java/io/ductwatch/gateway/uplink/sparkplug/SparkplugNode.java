package io.ductwatch.gateway.uplink.sparkplug;

import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SparkplugConfig;
import io.ductwatch.gateway.core.ActiveAlarm;
import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmListener;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.payload.GatewayStatus;
import io.ductwatch.gateway.uplink.BrokerConnector;
import io.ductwatch.gateway.uplink.MqttUplink;
import io.ductwatch.gateway.uplink.UplinkSettings;
import io.ductwatch.gateway.uplink.NameResolver;
import io.ductwatch.gateway.uplink.ReconnectBackoff;
import io.ductwatch.gateway.uplink.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway as a Sparkplug B 3.0 edge node (site file {@code sparkplug:}), beside the native topics and
 * on an MQTT connection of its own: a connection has one will, and the native retained {@code status} and
 * the NDEATH each need theirs. Each CONNECT carries a new {@code bdSeq} ({@link BdSeqFile}) in its NDEATH
 * will; once connected (and, with a primary host, once its STATE says online) the node publishes NBIRTH
 * with that bdSeq and a DBIRTH per zone, then NDATA/DDATA by exception, each with the next seq (0-255,
 * wrapping); NCMD {@code Node Control/Rebirth} is answered with a new birth, DCMDs go through the native
 * command rules ({@link SparkplugCommands}). Readings taken while it cannot publish go out after the next
 * birth as historical metrics ({@link ReadingHistory}). If the primary host goes offline the node
 * publishes its NDEATH, disconnects and connects to the next broker, as the specification asks. Births and
 * data are QoS 0, the NDEATH QoS 1, nothing retained; the native topics' guarantees do not depend on it.
 *
 * <p>Threading: one thread of its own ({@code ductwatch-sparkplug}) owns the connection and the
 * {@link EdgeNodeModel}; {@link #readings}, {@link #onActiveChanged} and Paho's callbacks only post to it
 * and return at once. Its timers run on wall time (they guard a socket); payload timestamps come from the
 * gateway's clock.
 */
public final class SparkplugNode implements AlarmListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SparkplugNode.class);
    private static final Duration STATUS_EVERY = Duration.ofSeconds(5);
    /** Past cycles sent per turn of the loop, so live data and commands are not held up behind history. */
    private static final int HISTORY_PER_TURN = 20;

    /**
     * Where the node connects and what it reads its state from.
     *
     * @param connection the brokers, TLS and credentials of the uplink, with the node's own client id
     * @param bdSeqFile  where the bdSeq is kept across restarts
     * @param bootId     the gateway's boot id
     * @param status     the gateway's status, asked every few seconds on the node's thread
     * @param clock      the gateway's clock, for payload timestamps
     * @param commands   where the native commands a DCMD stands for are handed; must not block
     */
    public record Wiring(UplinkSettings connection, NameResolver resolver, Path bdSeqFile, Topics nativeTopics,
                         String bootId, Supplier<GatewayStatus> status, Supplier<Instant> clock,
                         MqttUplink.Inbound commands) {
    }

    private sealed interface Signal permits Readings, Active, Arrived, Lost {
    }

    private record Readings(List<Reading> readings) implements Signal {
    }

    private record Active(List<ActiveAlarm> active) implements Signal {
    }

    private record Arrived(String topic, byte[] payload, boolean retained) implements Signal {
    }

    private record Lost(MqttAsyncClient owner, Throwable cause) implements Signal {
    }

    private final SparkplugTopics topics;
    private final Wiring wiring;
    private final EdgeNodeModel model;
    private final ReadingHistory history;
    private final HostState host;
    private final SparkplugCommands commands;
    private final SparkplugLink link;
    private final ReconnectBackoff backoff;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean born;

    private SparkplugSession session;
    /** After a loss: no connect before this (nanoTime), the gateway's reconnect slot. */
    private long reconnectNotBefore;
    private List<ActiveAlarm> active = List.of();
    private long lastStatusNanos;

    public SparkplugNode(SiteConfig site, SparkplugConfig config, Wiring wiring) {
        this.topics = new SparkplugTopics(config.groupId(), config.edgeNodeId());
        this.wiring = wiring;
        this.model = new EdgeNodeModel(site, topics);
        this.history = ReadingHistory.forSite(site, config.historyMinutes());
        this.host = new HostState(config.primaryHost());
        this.commands = new SparkplugCommands(topics, wiring.nativeTopics(), config.operator(), wiring.commands());
        List<String> subscriptions = new ArrayList<>(List.of(topics.ncmd(), topics.dcmdFilter()));
        host.topic().ifPresent(subscriptions::add);
        this.link = new SparkplugLink(new BrokerConnector(wiring.connection(), wiring.resolver()),
                BdSeqFile.open(wiring.bdSeqFile()), subscriptions);
        this.backoff = new ReconnectBackoff(new Random(), wiring.connection().reconnectSlot());
        this.thread = new Thread(this::run, "ductwatch-sparkplug");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** A sampling cycle's readings. Called on the sampling thread; returns at once. */
    public void readings(List<Reading> readings) {
        signals.offer(new Readings(List.copyOf(readings)));
    }

    @Override
    public void onEvent(AlarmEvent event) {
        // The zones' alarm state follows the active set.
    }

    /** Called under the rule engine's lock: hands the set on and returns. */
    @Override
    public void onActiveChanged(List<ActiveAlarm> alarms) {
        signals.offer(new Active(List.copyOf(alarms)));
    }

    /** Whether the node's birth is out on the current connection. */
    public boolean born() {
        return born;
    }

    // ---------------------------------------------------------------- the node's thread

    private void run() {
        while (running) {
            try {
                if (session == null) {
                    long slotWait = reconnectNotBefore - System.nanoTime();
                    reconnectNotBefore = 0;
                    if (slotWait > 0) {
                        waitFor(Duration.ofNanos(slotWait));
                        continue;
                    }
                    if (connect()) {
                        backoff.reset();
                    } else {
                        waitFor(backoff.next(false));
                    }
                    continue;
                }
                if (!born && host.allowsBirth()) {
                    birth();
                }
                Signal signal = signals.poll(100, TimeUnit.MILLISECONDS);
                while (signal != null) {
                    handle(signal);
                    signal = session == null ? null : signals.poll();
                }
                refreshStatus();
                if (session != null && born) {
                    if (model.grown()) {
                        birth();
                    }
                    session.publish(model.changes(wiring.clock().get()));
                    sendHistory();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | MqttException e) {
                LOG.warn("Sparkplug node: {}; connecting again", e.toString());
                drop();
            }
        }
    }

    private boolean connect() {
        Optional<SparkplugSession> opened = link.open(this::callback, () -> running,
                bdSeq -> model.death(bdSeq, wiring.clock().get()));
        if (opened.isEmpty()) {
            return false;
        }
        session = opened.get();
        host.forget();
        LOG.info("Sparkplug node {} connected to {} (bdSeq {}){}", topics.nbirth(), session.broker(), session.bdSeq(),
                host.allowsBirth() ? "" : "; waiting for the primary host's STATE");
        return true;
    }

    private void handle(Signal signal) throws MqttException {
        if (signal instanceof Readings r) {
            model.readings(r.readings());
            if (!born) {
                history.add(r.readings());
            } else if (!model.grown()) {
                // Each sampling cycle's changes in a message of their own, even when cycles queued up.
                session.publish(model.changes(wiring.clock().get()));
            }
        } else if (signal instanceof Active a) {
            active = a.active();
            model.alarms(active);
        } else if (signal instanceof Arrived m) {
            if (host.topic().filter(m.topic()::equals).isPresent()) {
                if (host.arrived(m.payload()) && session != null) {
                    leave("the primary host went offline");
                }
            } else if (commands.arrived(m.topic(), m.payload(), m.retained(), model, active) && born) {
                LOG.info("Sparkplug rebirth requested");
                birth();
            }
        } else if (signal instanceof Lost lost && session != null && session.owns(lost.owner())) {
            LOG.warn("Sparkplug connection lost: {}", lost.cause() == null ? "unknown cause" : lost.cause().toString());
            drop();
        }
    }

    /** NBIRTH (seq 0, this connection's bdSeq) and the zones' DBIRTHs. */
    private void birth() throws MqttException {
        refreshStatus();
        session.restartSeq();
        session.publish(model.births(session.bdSeq(), wiring.clock().get()));
        born = true;
    }

    private void sendHistory() throws MqttException {
        for (int n = 0; n < HISTORY_PER_TURN && history.size() > 0; n++) {
            session.publish(model.historical(history.takeCycle()));
        }
    }

    private void refreshStatus() {
        long now = System.nanoTime();
        if (now - lastStatusNanos >= STATUS_EVERY.toNanos() || lastStatusNanos == 0) {
            model.status(wiring.status().get(), wiring.bootId(), history.dropped());
            lastStatusNanos = now;
        }
    }

    /** An orderly goodbye on this connection; the next broker in the failover order is tried next. */
    private void leave(String why) {
        LOG.warn("Sparkplug node leaves {}: {}", session.broker(), why);
        link.leave(session, model.death(session.bdSeq(), wiring.clock().get()));
        session = null;
        born = false;
    }

    private void drop() {
        if (session != null) {
            link.cut(session);
            reconnectNotBefore = System.nanoTime() + backoff.afterLoss(false).toNanos();
        }
        session = null;
        born = false;
    }

    /** Waits out a reconnect backoff, keeping the readings that come meanwhile for the history. */
    private void waitFor(Duration duration) throws InterruptedException, MqttException {
        long deadline = System.nanoTime() + duration.toNanos();
        long left;
        while (running && (left = deadline - System.nanoTime()) > 0) {
            Signal signal = signals.poll(left, TimeUnit.NANOSECONDS);
            if (signal != null) {
                handle(signal);
            }
        }
    }

    private MqttCallbackExtended callback(MqttAsyncClient owner) {
        return new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void connectionLost(Throwable cause) {
                signals.offer(new Lost(owner, cause));
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                signals.offer(new Arrived(topic, message.getPayload(), message.isRetained()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        };
    }

    /** Stops the node's thread once; returns the session it left open, or null. */
    private SparkplugSession stopThread() {
        if (!running) {
            return null;
        }
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SparkplugSession last = session;
        session = null;
        return last;
    }

    /** Stops as a crash would: no NDEATH of its own, the broker publishes the will. */
    public void abandon() {
        SparkplugSession last = stopThread();
        if (last != null) {
            last.cut(0);
        }
        born = false;
    }

    /** Publishes each zone's DDEATH and the NDEATH, disconnects and stops the node's thread. */
    @Override
    public void close() {
        SparkplugSession last = stopThread();
        if (last != null) {
            Instant at = wiring.clock().get();
            last.goodbye(born ? model.deviceDeaths(at) : List.of(), model.death(last.bdSeq(), at));
        }
        born = false;
    }
}
