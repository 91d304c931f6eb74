package io.ductwatch.bench.harness;

import io.ductwatch.gateway.store.SqliteOutbox;
import io.ductwatch.gateway.uplink.MqttUplink;
import io.ductwatch.gateway.uplink.UplinkSettings;
import io.ductwatch.gateway.payload.Payloads;
import java.net.InetAddress;
import java.net.URI;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Backlog replay: the gateway's uplink delivering a stored backlog once the broker is there, against a raw
 * Paho QoS 1 publish loop sending the same payload bytes with the same in-flight window. The operator's
 * subscriber that counts the messages runs in a JVM of its own ({@link SubscriberChild}) on the broker's core,
 * as an operator's would run elsewhere: in the harness's JVM its MQTT decoding took about a third of the core
 * the gateway (or the baseline's publisher) is measured on.
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

    /** Waits until the subscriber saw every message, or nothing new for 30 s, or the timeout. */
    private static void await(Seen seen, int messages, long timeoutS) throws InterruptedException {
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
    }

    /**
     * The operator's subscriber for one replay: counts the messages on {@code topic} until it has them all and
     * prints {@code SEEN distinct received out-of-order last-arrival-nanoTime} (System.nanoTime is the
     * machine's monotonic clock on Linux, the same in every JVM). Arguments: broker, topic, messages, timeout s.
     */
    public static final class SubscriberChild {
        public static void main(String[] args) throws Exception {
            Seen seen = new Seen();
            MqttClient client = Mqtt.subscriber(args[0], "bench-replay-sub-" + System.nanoTime(), args[1],
                    (t, p) -> seen.accept(p));
            System.out.println("READY");
            int messages = Integer.parseInt(args[2]);
            await(seen, messages, Long.parseLong(args[3]));
            synchronized (seen) {
                System.out.println("SEEN " + seen.distinct() + " " + seen.received() + " " + seen.outOfOrder + " "
                        + seen.lastAtNanos);
            }
            Mqtt.close(client);
        }
    }

    /** A running {@link SubscriberChild}. */
    private static final class Subscriber {
        private final Process process;
        private final BufferedReader out;
        private final int messages;

        Subscriber(String broker, String topic, int messages, long timeoutS, List<String> pin) throws IOException {
            this.messages = messages;
            List<String> command = new ArrayList<>(pin);
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), SubscriberChild.class.getName(), broker, topic,
                    String.valueOf(messages), String.valueOf(timeoutS)));
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            if (!"READY".equals(ready)) {
                throw new IllegalStateException("the replay subscriber did not start: " + ready);
            }
        }

        /** Waits for the subscriber's count and turns it into a result from {@code startNanos}. */
        Result result(long startNanos) throws IOException, InterruptedException {
            String line = out.readLine();
            process.waitFor();
            if (line == null || !line.startsWith("SEEN ")) {
                throw new IllegalStateException("the replay subscriber ended without its count: " + line);
            }
            String[] f = line.split(" ");
            long distinct = Long.parseLong(f[1]);
            double seconds = (Long.parseLong(f[4]) - startNanos) / 1e9;
            return new Result(distinct / seconds, messages - distinct, Long.parseLong(f[2]) - distinct,
                    Long.parseLong(f[3]));
        }
    }

    /** The gateway's uplink and store replaying the backlog in {@code backlog.file}. */
    static Result gateway(String broker, Backlog backlog, long timeoutS, List<String> subscriberPin) throws Exception {
        Subscriber operator = new Subscriber(broker, Backlog.TOPICS.reading(), backlog.payloads.size(), timeoutS,
                subscriberPin);
        SqliteOutbox outbox = SqliteOutbox.open(backlog.file, Backlog.T0);
        Payloads payloads = new Payloads(outbox.bootId());
        byte[] offline = payloads.offline(Backlog.T0, "bench");
        MqttUplink uplink = new MqttUplink(new UplinkSettings(List.of(URI.create(broker)), "bench-replay-gw",
                Duration.ofSeconds(30), WINDOW, 100_000, Duration.ofSeconds(10), Optional.empty(), Optional.empty(),
                new char[0]), Backlog.TOPICS, outbox, host -> List.of(InetAddress.getLoopbackAddress()),
                () -> offline, offline, System::currentTimeMillis, (t, p, r) -> { });
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
            return operator.result(start);
        } finally {
            flusher.interrupt();
            flusher.join();
            uplink.close();
            outbox.close();
        }
    }

    /** A raw Paho QoS 1 publish loop: the same payloads, the same window, the same broker. */
    static Result pahoBaseline(String broker, Backlog backlog, long timeoutS, List<String> subscriberPin) throws Exception {
        String topic = "bench/baseline-replay/" + System.nanoTime();
        Subscriber receiver = new Subscriber(broker, topic, backlog.payloads.size(), timeoutS, subscriberPin);
        MqttAsyncClient sender = new MqttAsyncClient(broker, "bench-raw-pub-" + System.nanoTime(), new MemoryPersistence());
        sender.connect(Mqtt.options(WINDOW + 8)).waitForCompletion(10_000);
        Semaphore window = new Semaphore(WINDOW);
        IMqttActionListener release = Mqtt.releasing(window, "replay baseline");
        try {
            long start = System.nanoTime();
            for (byte[] payload : backlog.payloads) {
                window.acquire();
                sender.publish(topic, payload, 1, false, null, release);
            }
            return receiver.result(start);
        } finally {
            sender.disconnect().waitForCompletion(5000);
            sender.close();
        }
    }
}
