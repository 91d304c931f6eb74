package io.ductwatch.bench.harness;

import io.ductwatch.gateway.core.AlarmType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Alarm latency: the manual call point's GPIO edge (as the GPIO provider reports it) to the FIRE event at an
 * MQTT subscriber on the same broker; and its baseline, a raw Paho QoS 1 publish of the same payload bytes
 * to a subscriber on that broker. Samples are spaced by a random 10-20 ms so they do not lock to the loop.
 */
final class AlarmLatency {

    private AlarmLatency() {
    }

    /**
     * One gateway run: edge to subscriber, edge to the rule engine's decision, edge to the fire-panel relay
     * switching, and the FIRE payload the subscriber saw, which the baseline then sends.
     */
    record Run(Histogram delivered, Histogram decided, Histogram output, byte[] firePayload) {

        /** This run's samples and another's, pooled; the other's FIRE payload. */
        Run plus(Run other) {
            Histogram d = delivered.copy();
            d.add(other.delivered);
            Histogram c = decided.copy();
            c.add(other.decided);
            Histogram o = output.copy();
            o.add(other.output);
            return new Run(d, c, o, other.firePayload);
        }
    }

    /**
     * @param during null to take every sample; else samples are taken only while it holds (a backlog still to
     *               replay, a store still being thinned), without warm-up, and the run stops once it does not
     */
    static Run gateway(GatewayUnderTest gw, String broker, int warmup, int samples, BooleanSupplier during)
            throws Exception {
        Histogram decidedAt = Figures.histogram();
        Histogram switchedAt = Figures.histogram();
        AtomicReference<byte[]> lastFire = new AtomicReference<>();
        BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        String topic = "ductwatch/bench/gw01/alarm";
        MqttClient operator = Mqtt.subscriber(broker, "bench-operator-" + System.nanoTime(), topic, (t, payload) -> {
            String json = new String(payload, StandardCharsets.UTF_8);
            if (json.contains("\"type\":\"FIRE\"") && json.contains("\"event\":\"RAISED\"")) {
                arrivals.offer(System.nanoTime());
                lastFire.set(payload);
            }
        });
        try {
            Histogram histogram = Figures.histogram();
            for (int i = 0; i < warmup + samples; i++) {
                if (during != null && !during.getAsBoolean()) {
                    break;
                }
                long from = System.nanoTime();
                gw.duct.setContact("mcp0", true);
                Long at = arrivals.poll(10, TimeUnit.SECONDS);
                if (at == null) {
                    throw new IllegalStateException("no FIRE reached the subscriber within 10 s of the call point");
                }
                Long decided = gw.fireDecided.poll(1, TimeUnit.SECONDS);
                long switched = gw.panel.switchedAtNanos();
                if (i >= warmup || during != null) {
                    histogram.recordValue(Math.max(1_000, at - from));
                    if (decided != null) {
                        decidedAt.recordValue(Math.max(1_000, decided - from));
                    }
                    if (switched > from) {
                        switchedAt.recordValue(Math.max(1_000, switched - from));
                    }
                }
                gw.duct.setContact("mcp0", false);
                // The release reaches the engine on the GPIO listener's thread; reset until the FIRE is gone.
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (gw.gateway.runtime().engine().activeAlarms().stream().anyMatch(a -> a.type() == AlarmType.FIRE)) {
                    if (System.nanoTime() > giveUp) {
                        throw new IllegalStateException("the FIRE could not be reset within 10 s");
                    }
                    gw.gateway.runtime().engine().reset(Optional.empty(), "bench", Instant.now());
                    Thread.sleep(2);
                }
                Thread.sleep(10 + ThreadLocalRandom.current().nextInt(10));
            }
            return new Run(histogram, decidedAt, switchedAt, lastFire.get());
        } finally {
            Mqtt.close(operator);
        }
    }

    static Histogram pahoBaseline(String broker, byte[] payload, int warmup, int samples) throws Exception {
        BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        String topic = "bench/baseline/" + System.nanoTime();
        MqttClient receiver = Mqtt.subscriber(broker, "bench-rtt-sub-" + System.nanoTime(), topic,
                (t, p) -> arrivals.offer(System.nanoTime()));
        MqttClient sender = Mqtt.publisher(broker, "bench-rtt-pub-" + System.nanoTime(), 64);
        try {
            Histogram histogram = Figures.histogram();
            for (int i = 0; i < warmup + samples; i++) {
                long from = System.nanoTime();
                MqttMessage message = new MqttMessage(payload);
                message.setQos(1);
                sender.publish(topic, message);
                Long at = arrivals.poll(10, TimeUnit.SECONDS);
                if (at == null) {
                    throw new IllegalStateException("the baseline message did not arrive within 10 s");
                }
                if (i >= warmup) {
                    histogram.recordValue(Math.max(1_000, at - from));
                }
                Thread.sleep(10 + ThreadLocalRandom.current().nextInt(10));
            }
            return histogram;
        } finally {
            Mqtt.close(sender);
            Mqtt.close(receiver);
        }
    }

    /**
     * The baseline beside the latency during a drain: the same raw round trip, sent on the connection of a raw
     * Paho loop that replays the same backlog with the same window, the probe taking a window slot like any
     * message (as the gateway's alarm goes out on the connection that drains its backlog); samples are taken
     * only while the backlog is still being sent and {@code during} holds.
     */
    static Histogram pahoBaselineDraining(String broker, byte[] payload, List<byte[]> backlog, int samples,
                                          BooleanSupplier during) throws Exception {
        BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        String probeTopic = "bench/baseline-alarm/" + System.nanoTime();
        String backlogTopic = "bench/baseline-backlog/" + System.nanoTime();
        MqttClient receiver = Mqtt.subscriber(broker, "bench-drain-sub-" + System.nanoTime(), probeTopic,
                (t, p) -> arrivals.offer(System.nanoTime()));
        MqttAsyncClient sender = new MqttAsyncClient(broker, "bench-drain-pub-" + System.nanoTime(),
                new MemoryPersistence());
        sender.connect(Mqtt.options(Replay.WINDOW + 8)).waitForCompletion(10_000);
        Semaphore window = new Semaphore(Replay.WINDOW);
        IMqttActionListener release = Mqtt.releasing(window, "drain baseline");
        AtomicBoolean draining = new AtomicBoolean(true);
        Thread replay = new Thread(() -> {
            try {
                for (byte[] message : backlog) {
                    if (!draining.get()) {
                        break;
                    }
                    window.acquire();
                    sender.publish(backlogTopic, message, 1, false, null, release);
                }
            } catch (InterruptedException | MqttException e) {
                System.err.println("drain baseline replay stopped: " + e);
            } finally {
                draining.set(false);
            }
        }, "bench-drain-replay");
        replay.start();
        try {
            Histogram histogram = Figures.histogram();
            while (draining.get() && during.getAsBoolean() && histogram.getTotalCount() < samples) {
                long from = System.nanoTime();
                window.acquire();
                sender.publish(probeTopic, payload, 1, false, null, release);
                Long at = arrivals.poll(10, TimeUnit.SECONDS);
                if (at == null) {
                    throw new IllegalStateException("the drain baseline's probe did not arrive within 10 s");
                }
                if (draining.get()) {
                    histogram.recordValue(Math.max(1_000, at - from));
                }
                Thread.sleep(10 + ThreadLocalRandom.current().nextInt(10));
            }
            return histogram;
        } finally {
            draining.set(false);
            replay.join();
            sender.disconnect().waitForCompletion(5000);
            sender.close();
            Mqtt.close(receiver);
        }
    }
}
