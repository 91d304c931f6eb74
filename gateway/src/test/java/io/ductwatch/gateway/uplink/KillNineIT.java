package io.ductwatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.payload.Payloads;
import io.ductwatch.gateway.store.SqliteOutbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's store and uplink killed with {@code kill -9} at random points, 20 times, while alarms
 * are raised: every alarm committed is delivered in the end, every seq is delivered or announced on
 * {@code gap}, and the store passes {@code PRAGMA integrity_check} after every kill.
 */
class KillNineIT {

    @TempDir
    Path dir;

    @Test
    void twenty_kills_lose_nothing_silently() throws Exception {
        Path store = dir.resolve("store.db");
        Set<Long> committedAlarms = ConcurrentHashMap.newKeySet();
        Random random = new Random(20261127);
        try (BrokerFixture broker = BrokerFixture.start();
             Subscriber operator = new Subscriber(broker.url(), "ductwatch/kill/gw/#")) {
            for (int kill = 0; kill < 20; kill++) {
                int before = committedAlarms.size();
                Process child = startChild(store, broker.url(), committedAlarms);
                // Kill while alarms are being raised: after the first commit of this life, at a random point.
                await().atMost(Duration.ofSeconds(60)).until(() -> committedAlarms.size() > before);
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(300 + random.nextInt(900)).toNanos());
                child.destroyForcibly().waitFor();
                assertThat(SqliteOutbox.intact(store)).as("integrity_check after kill %d", kill + 1).isTrue();
            }
            long lastSeq;
            try (SqliteOutbox outbox = SqliteOutbox.open(store, Instant.now())) {
                Payloads payloads = new Payloads(outbox.bootId());
                Topics topics = Topics.of("kill", "gw");
                MqttUplink uplink = new MqttUplink(new UplinkSettings(List.of(java.net.URI.create(broker.url())),
                        "kill-gw", Duration.ofSeconds(10), 32, 100_000, Duration.ofSeconds(10), java.util.Optional.empty(),
                        java.util.Optional.empty(), new char[0]), topics, outbox,
                        host -> List.of(java.net.InetAddress.getLoopbackAddress()),
                        () -> payloads.offline(Instant.now(), "test"), payloads.offline(Instant.now(), "test"),
                        System::currentTimeMillis, (t, p, r) -> { });
                new Delivery(outbox, payloads, topics, uplink, () -> true, Instant::now, (event, seq) -> { })
                        .announceLost(outbox.lostSeqs(), "killed");
                uplink.start();
                await().atMost(Duration.ofSeconds(120)).until(() -> outbox.pending() == 0);
                lastSeq = outbox.lastSeq();
                uplink.close();
                assertThat(outbox.next(Lane.ALARM, 0, 10)).isEmpty();
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Set<Long> delivered = seqs(operator, "alarm");
                assertThat(delivered).containsAll(committedAlarms);
                Set<Long> accounted = new HashSet<>(delivered);
                accounted.addAll(seqs(operator, "reading"));
                accounted.addAll(seqs(operator, "gap"));
                accounted.addAll(announced(operator));
                // Checked in one pass: a kill leaves up to a reserved block (10,000 seqs) announced as one range.
                List<Long> missing = java.util.stream.LongStream.rangeClosed(1, lastSeq)
                        .filter(s -> !accounted.contains(s)).boxed().toList();
                assertThat(missing).as("seqs up to %d neither delivered nor announced", lastSeq).isEmpty();
            });
            assertThat(committedAlarms).hasSizeGreaterThanOrEqualTo(20);
            assertThat(announced(operator)).as("the kills lost uncommitted readings, announced on gap").isNotEmpty();
        }
    }

    private static Process startChild(Path store, String broker, Set<Long> committed) throws IOException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreChild.class.getName(), store.toString(), broker)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("ALARM ")) {
                        committed.add(Long.parseLong(line.substring(6).trim()));
                    }
                }
            } catch (IOException e) {
                // The child was killed mid-line.
            }
        });
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    private static Set<Long> seqs(Subscriber operator, String suffix) {
        Set<Long> seqs = new HashSet<>();
        operator.on(suffix).forEach(m -> seqs.add(m.json().get("seq").asLong()));
        return seqs;
    }

    private static Set<Long> announced(Subscriber operator) {
        Set<Long> seqs = new HashSet<>();
        operator.on("gap").forEach(m -> m.json().get("ranges").forEach(r -> {
            for (long s = r.get(0).asLong(); s <= r.get(1).asLong(); s++) {
                seqs.add(s);
            }
        }));
        return seqs;
    }
}
