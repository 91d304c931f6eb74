package io.ductwatch.bench.harness;

import io.ductwatch.gateway.store.SqliteOutbox;
import io.ductwatch.gateway.uplink.MqttUplink;
import io.ductwatch.gateway.uplink.Payloads;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Backlog replay: the gateway's uplink delivering a stored backlog once the broker is there, against a raw
 * Paho QoS 1 publish loop sending the same payload bytes with the same in-flight window.
 */
final class Replay {

    /** Messages in flight at once: the gateway's uplink window. */
    static final int WINDOW = 64;

    /** What a subscriber saw: distinct seqs, repeats, and seqs that came after a higher one. */
    static final class Seen {
        final BitSet seqs = new BitSet();
        long received;
        long lastSeq;
        long outOfOrder;
        volatile long lastAtNanos;

        synchronized void accept(byte[] payload) {
            String json = new String(payload, 0, Math.min(payload.length, 40), StandardCharsets.US_ASCII);
            int from = json.indexOf("\"seq\":") + 6;
            int to = from;
            while (to < json.length() && Character.isDigit(json.charAt(to))) {
                to++;
            }
            long seq = Long.parseLong(json, from, to, 10);
            if (seq < lastSeq) {
                outOfOrder++;
            }
            lastSeq = Math.max(lastSeq, seq);
            seqs.set((int) seq);
            received++;
            lastAtNanos = System.nanoTime();
        }

        synchronized long received() {
            return received;
        }

        synchronized int distinct() {
            return seqs.cardinality();
        }
    }

    record Result(double perSecond, long lost, long duplicates, long outOfOrder) {
    }

    private Replay() {
    }

    private static Result await(Seen seen, int messages, long startNanos, long timeoutS) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        int before = -1;
        long progressAt = System.nanoTime();
        while (seen.distinct() < messages && System.nanoTime() < deadline) {
            Thread.sleep(20);
            int now = seen.distinct();
            if (now != before) {
                before = now;
                progressAt = System.nanoTime();
            } else if (System.nanoTime() - progressAt > TimeUnit.SECONDS.toNanos(30)) {
                System.err.println("replay: no new message for 30 s at " + now + " of " + messages + "; counting the rest lost");
                break;
            }
        }
        int distinct = seen.distinct();
        double seconds = (seen.lastAtNanos - startNanos) / 1e9;
        return new Result(distinct / seconds, messages - distinct, seen.received() - distinct, seen.outOfOrder);
    }

    /** The gateway's uplink and store replaying the backlog in {@code backlog.file}. */
    static Result gateway(String broker, Backlog backlog, long timeoutS) throws Exception {
        Seen seen = new Seen();
        MqttClient operator = Mqtt.subscriber(broker, "bench-replay-sub-" + System.nanoTime(),
                Backlog.TOPICS.reading(), (t, p) -> seen.accept(p));
        SqliteOutbox outbox = SqliteOutbox.open(backlog.file, Backlog.T0);
        Payloads payloads = new Payloads(outbox.bootId());
        byte[] offline = payloads.offline(Backlog.T0, "bench");
        MqttUplink uplink = new MqttUplink(new MqttUplink.Settings(List.of(URI.create(broker)), "bench-replay-gw",
                Duration.ofSeconds(30), WINDOW, 100_000, Duration.ofSeconds(10), Optional.empty(), Optional.empty(),
                new char[0]), Backlog.TOPICS, outbox, host -> List.of(InetAddress.getLoopbackAddress()),
                () -> offline, offline, System::currentTimeMillis, (t, p) -> { });
        // The gateway commits acknowledgements once a second, as its store timer does.
        Thread flusher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                outbox.flush();
            }
        }, "bench-flush");
        try {
            long start = System.nanoTime();
            uplink.start();
            flusher.start();
            return await(seen, backlog.payloads.size(), start, timeoutS);
        } finally {
            flusher.interrupt();
            flusher.join();
            uplink.close();
            outbox.close();
            Mqtt.close(operator);
        }
    }

    /** A raw Paho QoS 1 publish loop: the same payloads, the same window, the same broker. */
    static Result pahoBaseline(String broker, Backlog backlog, long timeoutS) throws Exception {
        Seen seen = new Seen();
        String topic = "bench/baseline-replay/" + System.nanoTime();
        MqttClient receiver = Mqtt.subscriber(broker, "bench-raw-sub-" + System.nanoTime(), topic, (t, p) -> seen.accept(p));
        MqttAsyncClient sender = new MqttAsyncClient(broker, "bench-raw-pub-" + System.nanoTime(), new MemoryPersistence());
        sender.connect(Mqtt.options(WINDOW + 8)).waitForCompletion(10_000);
        Semaphore window = new Semaphore(WINDOW);
        IMqttActionListener release = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                window.release();
                System.err.println("baseline publish failed: " + cause);
            }
        };
        try {
            long start = System.nanoTime();
            for (byte[] payload : backlog.payloads) {
                window.acquire();
                sender.publish(topic, payload, 1, false, null, release);
            }
            return await(seen, backlog.payloads.size(), start, timeoutS);
        } finally {
            sender.disconnect().waitForCompletion(5000);
            sender.close();
            Mqtt.close(receiver);
        }
    }
}
