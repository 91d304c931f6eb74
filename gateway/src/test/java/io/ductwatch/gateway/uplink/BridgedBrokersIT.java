package io.ductwatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmEventKind;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.payload.Payloads;
import io.ductwatch.gateway.store.SqliteOutbox;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pair of Mosquitto brokers bridged to each other (docs/install.md, "A pair of brokers"), three gateways
 * listing both in their failover order, an operator subscribed to the second only: the first broker is
 * stopped while the gateways publish; they move to the second, and every seq of every gateway reaches the
 * operator, those published on the first broker through the bridge.
 * Always Mosquitto: the bridge is its configuration. Runs with {@code -Dductwatch.broker=mosquitto} (as CI
 * does); without it (the embedded broker, no Mosquitto needed) it is skipped, saying so.
 */
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "ductwatch.broker", matches = "mosquitto",
        disabledReason = "runs against Mosquitto: run with -Dductwatch.broker=mosquitto, as CI does")
class BridgedBrokersIT {

    private static final Instant T = Instant.parse("2026-12-02T08:00:00Z");

    @TempDir
    Path dir;

    private record Member(Topics topics, SqliteOutbox outbox, Payloads payloads, MqttUplink uplink) {

        long reading(int n) {
            List<Reading> cycle = List.of(Reading.ok("t00", Quantity.TEMPERATURE, 20 + n / 100.0, T.plusSeconds(n)));
            return outbox.append(Lane.READING, topics.reading(), T.plusSeconds(n),
                    seq -> payloads.readings(seq, T.plusSeconds(n), cycle, true));
        }

        long alarm(int n) {
            AlarmEvent event = new AlarmEvent("a" + n, AlarmType.HEAT, AlarmEventKind.RAISED, "Z1", 10, List.of("t00"),
                    60.0, "°C", "alarm " + n, false, T.plusSeconds(n));
            return outbox.append(Lane.ALARM, topics.alarm(), event.at(), seq -> payloads.alarm(seq, event, true));
        }
    }

    @Test
    void a_stopped_broker_of_a_bridged_pair_loses_nothing_every_gateway_moves_to_the_other() throws Exception {
        try (BrokerFixture first = BrokerFixture.startMosquitto();
             BrokerFixture second = BrokerFixture.startBridgedTo(first);
             Subscriber onSecond = new Subscriber(second.url(), "ductwatch/pair/#")) {
            List<Member> members = new ArrayList<>();
            for (int g = 1; g <= 3; g++) {
                Topics topics = Topics.of("pair", "gw0" + g);
                SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("gw0" + g + ".db"), T);
                Payloads payloads = new Payloads(outbox.bootId());
                MqttUplink uplink = new MqttUplink(new UplinkSettings(List.of(URI.create(first.url()),
                        URI.create(second.url())), "pair-gw0" + g, Duration.ofSeconds(5), 32, 100_000,
                        Duration.ofSeconds(5), Optional.empty(), Optional.empty(), new char[0],
                        ReconnectBackoff.slotOf("pair", (g - 1) * 200.0, 200)), topics, outbox,
                        host -> List.of(InetAddress.getLoopbackAddress()), () -> payloads.offline(T, "test"),
                        payloads.offline(T, "test"), System::currentTimeMillis, (t, p, r) -> { });
                uplink.start();
                members.add(new Member(topics, outbox, payloads, uplink));
            }
            try {
                // The bridge is up once a message on the first broker reaches the second's subscriber.
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    members.forEach(m -> {
                        m.reading(0);
                        m.outbox().flush();
                        m.uplink().wake();
                    });
                    return !onSecond.on("reading").isEmpty();
                });
                for (int n = 1; n <= 300; n++) {
                    for (Member m : members) {
                        m.reading(n);
                        if (n % 25 == 0) {
                            m.alarm(n);
                        }
                        m.uplink().wake();
                    }
                    if (n % 10 == 0) {
                        members.forEach(m -> m.outbox().flush());
                        if (n < 150) {
                            // Through the first broker, batch by batch; the batch of 150 is still in flight below.
                            await().atMost(Duration.ofSeconds(30))
                                    .until(() -> members.stream().allMatch(m -> m.outbox().pending() == 0));
                        }
                    }
                    if (n == 150) {
                        first.stopBroker();
                    }
                }
                members.forEach(m -> m.outbox().flush());

                await().atMost(Duration.ofSeconds(90)).until(() -> members.stream().allMatch(m -> m.outbox().pending() == 0));
                for (Member m : members) {
                    assertThat(m.uplink().broker()).as("%s moved to the second broker", m.topics().root())
                            .contains(URI.create(second.url()));
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                        Set<Long> seen = new HashSet<>();
                        onSecond.received().stream().filter(r -> r.topic().startsWith(m.topics().root())
                                && r.json().has("seq")).forEach(r -> seen.add(r.json().get("seq").asLong()));
                        for (long seq = 1; seq <= m.outbox().lastSeq(); seq++) {
                            assertThat(seen).as("%s seq %d reached the operator", m.topics().root(), seq).contains(seq);
                        }
                    });
                }
            } finally {
                for (Member m : members) {
                    m.uplink().close();
                    m.outbox().close();
                }
            }
        }
    }
}
