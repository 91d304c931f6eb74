package io.ductwatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmEventKind;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.payload.GatewayStatus;
import io.ductwatch.gateway.payload.Payloads;
import io.ductwatch.gateway.store.SqliteOutbox;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The uplink against a real broker on loopback (Moquette, or Mosquitto in CI), with a real SQLite store. */
class MqttUplinkIT {

    private static final Topics TOPICS = Topics.of("it-site", "gw1");
    private static final Instant T = Instant.parse("2026-11-27T08:00:00Z");

    @TempDir
    Path dir;

    private BrokerFixture broker;
    private SqliteOutbox outbox;
    private Payloads payloads;
    private MqttUplink uplink;
    private Subscriber subscriber;
    private final AtomicBoolean dnsWorks = new AtomicBoolean(true);

    @BeforeEach
    void start() throws Exception {
        broker = BrokerFixture.start();
        outbox = SqliteOutbox.open(dir.resolve("store.db"), T);
        payloads = new Payloads(outbox.bootId());
        subscriber = new Subscriber(broker.url(), "ductwatch/#");
    }

    @AfterEach
    void stop() throws Exception {
        if (uplink != null) {
            uplink.close();
        }
        subscriber.close();
        outbox.close();
        broker.close();
    }

    private void startUplink(String brokerUrl) {
        NameResolver resolver = new LastKnownAddresses(host -> {
            if (!dnsWorks.get()) {
                throw new UnknownHostException(host + ": DNS failure injected by the test");
            }
            return List.of(InetAddress.getByName("127.0.0.1"));
        });
        UplinkSettings settings = new UplinkSettings(List.of(URI.create(brokerUrl)), "it-gw1",
                Duration.ofSeconds(10), 32, 100_000, Duration.ofSeconds(10), Optional.empty(), Optional.empty(),
                new char[0]);
        uplink = new MqttUplink(settings, TOPICS, outbox, resolver, () -> payloads.status(
                new GatewayStatus(true, T, T, "test", "connected", outbox.pending(), null, 1, 0, outbox.lastSeq(), true)),
                payloads.offline(T, "test"), System::currentTimeMillis, (t, p, r) -> { });
        uplink.start();
    }

    private long alarm(int n) {
        AlarmEvent event = new AlarmEvent("a" + n, AlarmType.HEAT, AlarmEventKind.RAISED, "Z1", 10.0 * n,
                List.of("t0" + n), 60.0, "°C", "test alarm " + n, false, T.plusSeconds(n));
        return outbox.append(Lane.ALARM, TOPICS.alarm(), event.at(), seq -> payloads.alarm(seq, event, true));
    }

    private long readings(int n) {
        List<Reading> cycle = List.of(Reading.ok("t00", Quantity.TEMPERATURE, 20 + n / 100.0, T.plusSeconds(n)));
        return outbox.append(Lane.READING, TOPICS.reading(), T.plusSeconds(n),
                seq -> payloads.readings(seq, T.plusSeconds(n), cycle, true));
    }

    private List<Long> delivered() {
        return LongStream.concat(seqsOn("reading").stream().mapToLong(Long::longValue),
                seqsOn("alarm").stream().mapToLong(Long::longValue)).distinct().sorted().boxed().toList();
    }

    private List<Long> seqsOn(String suffix) {
        return subscriber.on(suffix).stream().map(r -> r.json().get("seq").asLong()).toList();
    }

    @Test
    void delivers_alarms_and_readings_in_order_and_empties_the_store() {
        readings(1);
        alarm(1);
        readings(2);
        outbox.flush();
        startUplink(broker.url());

        await().atMost(Duration.ofSeconds(20)).until(() -> seqsOn("reading").size() == 2 && seqsOn("alarm").size() == 1);
        assertThat(seqsOn("reading")).containsExactly(1L, 3L);
        assertThat(subscriber.on("alarm").get(0).json().get("reason").asText()).isEqualTo("test alarm 1");
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.pending() == 0);
        assertThat(subscriber.on("status")).anySatisfy(s -> assertThat(s.json().get("online").asBoolean()).isTrue());
    }

    @Test
    void a_broker_restart_loses_nothing() throws Exception {
        startUplink(broker.url());
        for (int i = 0; i < 50; i++) {
            readings(i);
        }
        outbox.flush();
        await().atMost(Duration.ofSeconds(20)).until(() -> seqsOn("reading").size() >= 50);

        broker.stopBroker();
        for (int i = 50; i < 100; i++) {
            readings(i);
            if (i % 10 == 0) {
                alarm(i);
            }
        }
        outbox.flush();
        broker.startBroker();

        await().atMost(Duration.ofSeconds(60)).until(() -> outbox.pending() == 0);
        List<Long> created = LongStream.rangeClosed(1, outbox.lastSeq()).boxed().toList();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(delivered()).containsAll(created));
        assertThat(delivered()).containsExactlyElementsOf(created);
        assertThat(seqsOn("reading")).as("readings in order, repeats only from redelivery")
                .satisfies(seqs -> assertThat(seqs.stream().distinct().toList()).isSorted());
    }

    @Test
    void a_dns_outage_uses_the_last_known_address_and_an_unresolvable_first_connect_is_retried() throws Exception {
        dnsWorks.set(false);
        startUplink("tcp://broker.invalid:" + broker.port());
        alarm(1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> seqsOn("alarm").isEmpty());

        dnsWorks.set(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> seqsOn("alarm").size() == 1);

        dnsWorks.set(false);
        broker.stopBroker();
        broker.startBroker();
        alarm(2);
        await().atMost(Duration.ofSeconds(60)).until(() -> seqsOn("alarm").contains(2L));
    }

    @Test
    void a_clean_stop_publishes_the_offline_status() {
        startUplink(broker.url());
        await().atMost(Duration.ofSeconds(20)).until(() -> !subscriber.on("status").isEmpty());

        uplink.close();
        uplink = null;

        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.on("status").stream()
                .anyMatch(s -> !s.json().get("online").asBoolean()));
    }
}
