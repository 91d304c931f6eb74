package io.ductwatch.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ductwatch.config.json.StrictJson;
import io.ductwatch.gateway.core.Outbox;
import java.io.IOException;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator on the broker receives from the simulated gateway, counted by {@code seq}: distinct
 * seqs delivered, duplicates, and the seqs announced as lost on {@code gap}. Its client id is new for every
 * run, and {@link #close()} removes its persistent session from the broker, so a second run against the same
 * broker inherits nothing of the first. When the broker goes away it tries again every 200 ms on a thread of
 * its own, not with Paho's automatic reconnect, whose delay is shared by every client in the JVM and grows to
 * two minutes when a fleet's recorders fail together. Thread-safe.
 */
final class DeliveryRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRecorder.class);
    private static final ObjectMapper JSON = StrictJson.mapper();

    private final MqttClient client;
    private final String url;
    private final Set<Long> delivered = new HashSet<>();
    private final Set<Long> announced = new HashSet<>();
    private final BitSet acknowledged = new BitSet();
    private long received;
    private volatile boolean closed;
    /**
     * Held while connecting and subscribing: a connection the broker drops at once starts a reconnect on Paho's
     * thread while the first subscription still retries, and two connects at once fail ("Connect already in
     * progress").
     */
    private final Object connecting = new Object();

    DeliveryRecorder(String url, String root) throws MqttException {
        this.url = url;
        client = new MqttClient(url, "ductwatch-sim-recorder-" + java.util.UUID.randomUUID(), new MemoryPersistence());
        String filter = root + "#";
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setMaxInflight(1000);
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void connectionLost(Throwable cause) {
                Thread again = new Thread(() -> reconnect(options, filter), "recorder-reconnect");
                again.setDaemon(true);
                again.start();
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                try {
                    JsonNode json = JSON.readTree(message.getPayload());
                    if (json != null && json.has("seq")) {
                        record(json);
                    }
                } catch (IOException e) {
                    // Not a gateway message (an operator's command, an empty retained message): not counted.
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        subscribe(options, filter);
    }

    /** After a lost connection: connect and subscribe again (the session kept what came meanwhile). */
    private void reconnect(MqttConnectOptions options, String filter) {
        while (!closed) {
            try {
                connectAndSubscribe(options, filter);
                return;
            } catch (MqttException e) {
                java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
            }
        }
    }

    /**
     * Connects and subscribes, trying three times: a broker may drop a connection it has just accepted
     * (seen with Moquette under load), and the figures need the subscription in place before the run starts.
     */
    private void subscribe(MqttConnectOptions options, String filter) throws MqttException {
        for (int attempt = 1; ; attempt++) {
            try {
                connectAndSubscribe(options, filter);
                return;
            } catch (MqttException e) {
                if (attempt == 3) {
                    throw e;
                }
                LOG.warn("recorder: subscribing to {} failed ({}), trying again", filter, e.getMessage());
                java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
            }
        }
    }

    private void connectAndSubscribe(MqttConnectOptions options, String filter) throws MqttException {
        synchronized (connecting) {
            if (!client.isConnected()) {
                client.connect(options);
            }
            client.subscribe(filter, 1);
        }
    }

    private synchronized void record(JsonNode json) {
        received++;
        delivered.add(json.get("seq").asLong());
        if (json.has("ranges")) {
            for (JsonNode range : json.get("ranges")) {
                for (long s = range.get(0).asLong(); s <= range.get(1).asLong(); s++) {
                    announced.add(s);
                }
            }
        }
    }

    /** The broker acknowledged {@code seq} to the gateway (told on the gateway's uplink thread). */
    synchronized void acknowledged(long seq) {
        acknowledged.set(Math.toIntExact(seq));
    }

    /** How many gateway messages arrived so far, duplicates included. */
    private synchronized long received() {
        return received;
    }

    /**
     * Waits, in real time (the broker and the sockets are real), until the gateway's store is drained and every
     * seq it made has arrived or was announced, for as long as delivery progresses: {@code stall} without
     * progress ends the wait, and what is missing then is counted by {@link #figures}.
     */
    void awaitDelivered(Outbox outbox, Duration stall) {
        long deadline = System.nanoTime() + stall.toNanos();
        long pending = Long.MAX_VALUE;
        long arrived = received();
        while (System.nanoTime() < deadline) {
            outbox.flush();
            long nowPending = outbox.pending();
            if (nowPending == 0 && hasAll(outbox.lastSeq())) {
                return;
            }
            if (nowPending < pending || received() > arrived) {
                deadline = System.nanoTime() + stall.toNanos();
                pending = Math.min(pending, nowPending);
                arrived = received();
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    synchronized boolean hasAll(long lastSeq) {
        for (long s = 1; s <= lastSeq; s++) {
            if (!delivered.contains(s) && !announced.contains(s)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The delivery figures of DESIGN 2.5 for seqs 1 to {@code published}: a seq missing here that the broker
     * had acknowledged is the broker's loss, any other missing seq the gateway's.
     */
    synchronized Summary.Delivery figures(long published) {
        long lost = 0;
        long brokerLost = 0;
        for (long s = 1; s <= published; s++) {
            if (!delivered.contains(s) && !announced.contains(s)) {
                if (acknowledged.get(Math.toIntExact(s))) {
                    brokerLost++;
                } else {
                    lost++;
                }
            }
        }
        return new Summary.Delivery(published, delivered.size(), announced.size(), lost, brokerLost,
                received - delivered.size());
    }

    @Override
    public void close() throws MqttException {
        closed = true;
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
        // A clean-session connect with the same id discards the session the broker kept for it.
        try (MqttClient cleaner = new MqttClient(url, client.getClientId(), new MemoryPersistence())) {
            MqttConnectOptions clean = new MqttConnectOptions();
            clean.setCleanSession(true);
            cleaner.connect(clean);
            cleaner.disconnect();
        } catch (MqttException e) {
            LOG.warn("recorder: could not remove its session from the broker: {}", e.getMessage());
        }
    }
}
