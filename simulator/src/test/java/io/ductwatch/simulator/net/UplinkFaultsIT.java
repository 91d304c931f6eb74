package io.ductwatch.simulator.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmEventKind;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.store.SqliteOutbox;
import io.ductwatch.gateway.uplink.BrokerFixture;
import io.ductwatch.gateway.uplink.MqttUplink;
import io.ductwatch.gateway.uplink.UplinkSettings;
import io.ductwatch.gateway.payload.Payloads;
import io.ductwatch.gateway.uplink.Subscriber;
import io.ductwatch.gateway.uplink.Topics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The uplink through the fault proxy: a half-open link found within seconds, brokers tried in order. */
class UplinkFaultsIT {

    private static final Topics TOPICS = Topics.of("faults", "gw");
    private static final Instant T = Instant.parse("2026-11-27T08:00:00Z");

    @TempDir
    Path dir;

    private BrokerFixture broker;
    private Subscriber operator;
    private SqliteOutbox outbox;
    private Payloads payloads;
    private MqttUplink uplink;

    @BeforeEach
    void start() throws Exception {
        broker = BrokerFixture.start();
        operator = new Subscriber(broker.url(), "ductwatch/faults/gw/#");
        outbox = SqliteOutbox.open(dir.resolve("store.db"), T);
        payloads = new Payloads(outbox.bootId());
    }

    @AfterEach
    void stop() throws Exception {
        if (uplink != null) {
            uplink.close();
        }
        outbox.close();
        operator.close();
        broker.close();
    }

    private void startUplink(List<URI> brokers) {
        uplink = new MqttUplink(new UplinkSettings(brokers, "faults-gw", Duration.ofSeconds(30), 16, 1000,
                Duration.ofSeconds(5), Optional.empty(), Optional.empty(), new char[0]), TOPICS, outbox,
                host -> List.of(InetAddress.getLoopbackAddress()), () -> payloads.offline(T, "test"),
                payloads.offline(T, "test"), System::currentTimeMillis, (t, p, r) -> { });
        uplink.start();
    }

    private void alarm(String reason) {
        AlarmEvent e = new AlarmEvent(reason, AlarmType.FIRE, AlarmEventKind.RAISED, "Z1", 1, List.of(), Double.NaN,
                "", reason, false, T);
        outbox.append(Lane.ALARM, TOPICS.alarm(), T, seq -> payloads.alarm(seq, e, true));
        uplink.wake();
    }

    private boolean delivered(String reason) {
        return operator.on("alarm").stream().anyMatch(m -> m.json().get("reason").asText().equals(reason));
    }

    @Test
    void a_half_open_link_is_found_by_the_puback_timeout_and_the_alarm_delivered_after_it() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", broker.port()))) {
            startUplink(List.of(URI.create("tcp://127.0.0.1:" + proxy.port())));
            await().atMost(Duration.ofSeconds(20)).until(() -> uplink.state() == MqttUplink.State.CONNECTED);

            proxy.mode(FaultProxy.Mode.HALF_OPEN);
            long from = System.nanoTime();
            alarm("during half-open");
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                    .until(() -> uplink.state() != MqttUplink.State.CONNECTED);
            double seconds = (System.nanoTime() - from) / 1e9;
            assertThat(seconds).as("half-open found within seconds (PUBACK timeout 5 s)").isLessThan(8);
            assertThat(delivered("during half-open")).isFalse();

            proxy.mode(FaultProxy.Mode.PASS);
            await().atMost(Duration.ofSeconds(30)).until(() -> delivered("during half-open"));
        }
    }

    @Test
    void a_half_open_link_with_only_readings_in_flight_is_found_by_their_puback_timeout() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", broker.port()))) {
            startUplink(List.of(URI.create("tcp://127.0.0.1:" + proxy.port())));
            await().atMost(Duration.ofSeconds(20)).until(() -> uplink.state() == MqttUplink.State.CONNECTED);

            proxy.mode(FaultProxy.Mode.HALF_OPEN);
            long from = System.nanoTime();
            // Readings only, as in a quiet duct or a replay: the keepalive (30 s here) would be the only other guard.
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
                outbox.append(Lane.READING, TOPICS.reading(), T, seq -> payloads.gap(seq, T, List.of(), "filler", true));
                outbox.flush();
                uplink.wake();
                return uplink.state() != MqttUplink.State.CONNECTED;
            });
            assertThat((System.nanoTime() - from) / 1e9).as("found by the PUBACK timeout (5 s)").isLessThan(8);
        }
    }

    @Test
    void after_a_long_cut_an_alarm_waiting_is_sent_within_the_alarm_backoff_not_the_minute_one() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", broker.port()))) {
            startUplink(List.of(URI.create("tcp://127.0.0.1:" + proxy.port())));
            await().atMost(Duration.ofSeconds(20)).until(() -> uplink.state() == MqttUplink.State.CONNECTED);

            proxy.mode(FaultProxy.Mode.DOWN);
            alarm("during the cut");
            // 40 s of failed attempts: the plain backoff would wait 24-40 s more (attempts near 31 s and 63 s).
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> uplink.downFor().compareTo(Duration.ofSeconds(40)) >= 0);
            proxy.mode(FaultProxy.Mode.PASS);
            long from = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> delivered("during the cut"));
            assertThat((System.nanoTime() - from) / 1e9).as("alarm backoff 5 s +- 25 %, plus the connect")
                    .isLessThan(8);
        }
    }

    @Test
    void brokers_are_tried_in_order_and_a_dead_first_one_is_skipped() throws Exception {
        int dead;
        try (ServerSocket probe = new ServerSocket(0)) {
            dead = probe.getLocalPort();
        }
        startUplink(List.of(URI.create("tcp://127.0.0.1:" + dead), URI.create(broker.url())));
        alarm("via the second broker");

        await().atMost(Duration.ofSeconds(20)).until(() -> delivered("via the second broker"));
        assertThat(uplink.broker()).contains(URI.create(broker.url()));
    }
}
