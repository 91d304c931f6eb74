package io.ductwatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ductwatch.config.UplinkConfig;
import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmEventKind;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.payload.Payloads;
import io.ductwatch.gateway.store.SqliteOutbox;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uplink to Mosquitto over TLS with client certificates made by the test (openssl): the gateway's
 * certificate is accepted and its alarm delivered; a certificate from another CA is refused, and the
 * uplink says so in words. Runs with {@code -Dductwatch.broker=mosquitto} (as in CI); the embedded
 * broker has no TLS listener here.
 */
class MqttTlsIT {

    private static final Topics TOPICS = Topics.of("tls", "gw01");
    private static final Instant T = Instant.parse("2026-11-27T08:00:00Z");

    @TempDir
    Path dir;

    private TlsMaterial tls;

    @BeforeEach
    void material() throws Exception {
        Assumptions.assumeTrue("mosquitto".equals(System.getProperty("ductwatch.broker")),
                "TLS interop runs against Mosquitto: run with -Dductwatch.broker=mosquitto");
        tls = TlsMaterial.create(java.nio.file.Files.createDirectories(dir.resolve("tls")));
    }

    private MqttUplink uplink(SqliteOutbox outbox, Payloads payloads, String url, Path cert, Path key) throws Exception {
        SocketFactory factory = TlsFiles.load(new UplinkConfig.Tls(tls.ca(), Optional.of(cert), Optional.of(key)))
                .socketFactory();
        return new MqttUplink(new UplinkSettings(List.of(URI.create(url)), "tls-gw01", Duration.ofSeconds(10), 16,
                1000, Duration.ofSeconds(10), Optional.of(factory), Optional.empty(), new char[0]), TOPICS, outbox,
                host -> List.of(InetAddress.getLoopbackAddress()), () -> payloads.offline(T, "test"),
                payloads.offline(T, "test"), System::currentTimeMillis, (t, p, r) -> { });
    }

    /** The call point's FIRE, stored for the uplink to deliver; the payloads of the store's boot. */
    private static Payloads storeFire(SqliteOutbox outbox) {
        Payloads payloads = new Payloads(outbox.bootId());
        AlarmEvent event = new AlarmEvent("a1", AlarmType.FIRE, AlarmEventKind.RAISED, "Z1", 12.0, List.of("mcp0"),
                Double.NaN, "", "manual call point mcp0 operated", false, T);
        outbox.append(Lane.ALARM, TOPICS.alarm(), T, seq -> payloads.alarm(seq, event, true));
        return payloads;
    }

    /** An operator's subscriber with the gateway's client certificate. */
    private Subscriber operator(BrokerFixture broker) throws Exception {
        return new Subscriber(broker.url(), "ductwatch/tls/gw01/#", TlsFiles.load(
                new UplinkConfig.Tls(tls.ca(), Optional.of(tls.clientCert()), Optional.of(tls.clientKey())))
                .socketFactory());
    }

    @Test
    void client_certificates_from_the_trusted_ca_connect_and_others_are_refused_in_words() throws Exception {
        try (BrokerFixture broker = BrokerFixture.startTls(tls, "");
             SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("store.db"), T);
             Subscriber operator = operator(broker)) {
            Payloads payloads = storeFire(outbox);

            MqttUplink rogue = uplink(outbox, payloads, broker.url(), tls.rogueCert(), tls.rogueKey());
            rogue.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> !rogue.lastError().isEmpty());
            assertThat(rogue.lastError()).contains("TLS handshake failed").contains("check uplink.tls");
            assertThat(rogue.state()).isEqualTo(MqttUplink.State.CONNECTING);
            rogue.close();
            assertThat(operator.on("alarm")).isEmpty();

            MqttUplink wrongName = uplink(outbox, payloads, "ssl://broker.wrong-name.test:" + broker.port(),
                    tls.clientCert(), tls.clientKey());
            wrongName.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> !wrongName.lastError().isEmpty());
            assertThat(wrongName.lastError()).as("the certificate names localhost, not the broker's name")
                    .contains("its certificate does not name broker.wrong-name.test");
            wrongName.close();
            assertThat(operator.on("alarm")).isEmpty();

            MqttUplink gateway = uplink(outbox, payloads, broker.url(), tls.clientCert(), tls.clientKey());
            gateway.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> !operator.on("alarm").isEmpty());
            assertThat(operator.on("alarm").get(0).json().get("reason").asText()).contains("mcp0");
            gateway.close();
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "broker speaking {0} only")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"tlsv1.3", "tlsv1.2"})
    void the_uplink_speaks_tls_1_3_and_still_1_2(String version) throws Exception {
        try (BrokerFixture broker = BrokerFixture.startTls(tls, version);
             SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("store-" + version + ".db"), T);
             Subscriber operator = operator(broker)) {
            Payloads payloads = storeFire(outbox);

            MqttUplink gateway = uplink(outbox, payloads, broker.url(), tls.clientCert(), tls.clientKey());
            gateway.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> !operator.on("alarm").isEmpty());
            gateway.close();
        }
    }
}
