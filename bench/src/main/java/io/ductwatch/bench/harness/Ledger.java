package io.ductwatch.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.BitSet;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * The operator's account of one gateway's messages, subscribed straight to the broker (not through the fault
 * proxy): every seq that arrived on {@code alarm}, {@code reading}, {@code cmd/result} or {@code gap}, every seq a
 * {@code gap} message announces as lost, and when the last FIRE arrived. A seq neither arrived nor announced is
 * lost.
 */
final class Ledger implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String broker;
    private final String filter;
    private final BitSet arrived = new BitSet();
    private final BitSet announced = new BitSet();
    private long received;
    private long fireArrivedNanos;
    private MqttClient client;

    private Ledger(String broker, String filter) {
        this.broker = broker;
        this.filter = filter;
    }

    /** Subscribes to {@code ductwatch/SITE/GATEWAY/#}. */
    static Ledger open(String broker, String gatewayRoot) throws MqttException {
        Ledger ledger = new Ledger(broker, gatewayRoot + "#");
        ledger.reconnect();
        return ledger;
    }

    /** A new connection and subscription, after the broker restarted. */
    void reconnect() throws MqttException {
        if (client != null) {
            Mqtt.close(client);
        }
        client = Mqtt.subscriber(broker, "bench-ledger-" + System.nanoTime(), filter, this::accept);
    }

    private synchronized void accept(String topic, byte[] payload) {
        String kind = topic.substring(topic.lastIndexOf('/') + 1);
        if (!kind.equals("alarm") && !kind.equals("reading") && !kind.equals("gap") && !topic.endsWith("cmd/result")) {
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException("the gateway published unreadable JSON on " + topic, e);
        }
        arrived.set(Math.toIntExact(json.get("seq").asLong()));
        received++;
        if (kind.equals("gap")) {
            for (JsonNode range : json.get("ranges")) {
                announced.set(Math.toIntExact(range.get(0).asLong()), Math.toIntExact(range.get(1).asLong()) + 1);
            }
        }
        if (kind.equals("alarm") && "FIRE".equals(json.path("type").asText())
                && "RAISED".equals(json.path("event").asText())) {
            fireArrivedNanos = System.nanoTime();
        }
    }

    /** When the last FIRE raised arrived (nanoTime), or 0. */
    synchronized long fireArrivedNanos() {
        return fireArrivedNanos;
    }

    /** Seqs 1..last that neither arrived nor were announced as lost. */
    synchronized long lost(long last) {
        BitSet missing = new BitSet();
        missing.set(1, Math.toIntExact(last) + 1);
        missing.andNot(arrived);
        missing.andNot(announced);
        return missing.cardinality();
    }

    /** Seqs 1..last announced lost on {@code gap} (created but never committed, as a crash allows). */
    synchronized long announced(long last) {
        return announced.get(1, Math.toIntExact(last) + 1).cardinality();
    }

    /** Messages received beyond the distinct seqs: repeats after a reconnect (QoS 1 allows them). */
    synchronized long repeats() {
        return received - arrived.cardinality();
    }

    /** Waits until nothing of 1..last is missing, or the timeout passes; returns what is still missing. */
    long awaitAccounted(long last, long timeoutMs) throws InterruptedException {
        long until = System.currentTimeMillis() + timeoutMs;
        long lost = lost(last);
        while (lost > 0 && System.currentTimeMillis() < until) {
            Thread.sleep(50);
            lost = lost(last);
        }
        return lost;
    }

    @Override
    public void close() {
        Mqtt.close(client);
    }
}
