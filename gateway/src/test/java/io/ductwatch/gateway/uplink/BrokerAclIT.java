package io.ductwatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped Mosquitto ACL ({@code firmware-config/device/mosquitto-acl.conf}) on a real Mosquitto with
 * two gateway identities and an operator: a gateway writes only its own topics, never another's and never
 * a command, and only operators command. Always Mosquitto: the ACL is its file format. Runs with
 * {@code -Dductwatch.broker=mosquitto} (as CI does); without it (the embedded broker, no Mosquitto needed)
 * it is skipped, saying so.
 */
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "ductwatch.broker", matches = "mosquitto",
        disabledReason = "runs against Mosquitto: run with -Dductwatch.broker=mosquitto, as CI does")
class BrokerAclIT {

    private static final Topics GW01 = Topics.of("example-duct", "gw01");
    private static final Topics GW02 = Topics.of("example-duct", "gw02");

    private BrokerFixture broker;
    private final List<MqttClient> clients = new CopyOnWriteArrayList<>();

    /** One identity's connection and what it received, as "topic payload". */
    private record Client(MqttClient mqtt, List<String> received) {
        void publish(String topic, String payload) throws MqttException {
            mqtt.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
        }
    }

    @BeforeEach
    void start() {
        Path acl = Path.of(System.getProperty("basedir", ".")).resolve("../firmware-config/device/mosquitto-acl.conf")
                .normalize();
        broker = BrokerFixture.startWithAcl(acl, Map.of("gw01", "pw-gw01", "gw02", "pw-gw02",
                "control-room", "pw-control-room", "scada", "pw-scada"));
    }

    @AfterEach
    void stop() throws MqttException {
        for (MqttClient client : clients) {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
        broker.close();
    }

    private Client connect(String user, List<String> filters) throws MqttException {
        MqttClient mqtt = new MqttClient(broker.url(), user + "-" + System.nanoTime(), new MemoryPersistence());
        clients.add(mqtt);
        List<String> received = new CopyOnWriteArrayList<>();
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(user);
        options.setPassword(("pw-" + user).toCharArray());
        mqtt.connect(options);
        for (String filter : filters) {
            mqtt.subscribe(filter, 1, (topic, message) -> received.add(topic + " " + new String(message.getPayload(),
                    StandardCharsets.UTF_8)));
        }
        return new Client(mqtt, received);
    }

    @Test
    void a_gateway_writes_only_its_own_topics_and_only_operators_command() throws Exception {
        Client controlRoom = connect("control-room", List.of("ductwatch/#"));
        Client gw01 = connect("gw01", GW01.subscriptions());
        Client gw02 = connect("gw02", GW02.subscriptions());

        // Refused by the ACL: gw02 writing as gw01, a gateway commanding itself, an operator faking a result.
        gw02.publish(GW01.status(), "fake-status");
        gw02.publish(GW01.alarm(), "fake-alarm");
        gw02.publish(GW01.alarmsActive(), "fake-active");
        gw02.publish(GW01.commandResult(), "fake-result");
        gw02.publish(GW01.command("reset"), "gw02-commands-gw01");
        gw01.publish(GW01.command("disable"), "gw01-commands-itself");
        controlRoom.publish(GW01.commandResult(), "operator-fakes-a-result");
        // Allowed: each gateway's own topics, the operator's command.
        gw02.publish(GW02.status(), "gw02-own-status");
        gw01.publish(GW01.alarm(), "gw01-own-alarm");
        controlRoom.publish(GW01.command("disable"), "real-command");

        await().atMost(Duration.ofSeconds(10)).until(() -> controlRoom.received().size() >= 3
                && gw01.received().stream().anyMatch(r -> r.endsWith("real-command")));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(controlRoom.received()).containsExactlyInAnyOrder(
                GW02.status() + " gw02-own-status",
                GW01.alarm() + " gw01-own-alarm",
                GW01.command("disable") + " real-command");
        assertThat(gw01.received()).containsExactly(GW01.command("disable") + " real-command");
        assertThat(gw02.received()).as("gw02 reads its own status back, nothing of gw01's")
                .containsExactly(GW02.status() + " gw02-own-status");
    }

    @Test
    void a_gateway_is_the_sparkplug_edge_node_of_its_own_id_and_only_the_host_commands_it() throws Exception {
        Client scada = connect("scada", List.of("spBv1.0/#"));
        Client gw01 = connect("gw01", List.of("spBv1.0/ductwatch/NCMD/gw01", "spBv1.0/ductwatch/DCMD/gw01/+",
                "spBv1.0/STATE/+"));
        Client gw02 = connect("gw02", List.of());
        Client controlRoom = connect("control-room", List.of(GW01.sms()));

        // Refused: a gateway writing another's node, commanding itself, or posing as the host.
        gw02.publish("spBv1.0/ductwatch/NBIRTH/gw01", "gw02-as-gw01");
        gw02.publish("spBv1.0/ductwatch/DDATA/gw01/Z2", "gw02-as-gw01-z2");
        gw01.publish("spBv1.0/ductwatch/NCMD/gw01", "gw01-rebirths-itself");
        gw01.publish("spBv1.0/STATE/scada", "gw01-as-host");
        // Allowed: its own births and data, the host's command and STATE, the SMS journal.
        gw01.publish("spBv1.0/ductwatch/NBIRTH/gw01", "gw01-birth");
        gw01.publish("spBv1.0/ductwatch/DDATA/gw01/Z2", "gw01-z2-data");
        gw01.publish(GW01.sms(), "gw01-sms");
        scada.publish("spBv1.0/ductwatch/DCMD/gw01/Z2", "host-command");
        scada.publish("spBv1.0/STATE/scada", "host-online");

        await().atMost(Duration.ofSeconds(10)).until(() -> gw01.received().size() >= 2 && scada.received().size() >= 4);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(scada.received()).containsExactlyInAnyOrder(
                "spBv1.0/ductwatch/NBIRTH/gw01 gw01-birth",
                "spBv1.0/ductwatch/DDATA/gw01/Z2 gw01-z2-data",
                "spBv1.0/ductwatch/DCMD/gw01/Z2 host-command",
                "spBv1.0/STATE/scada host-online");
        assertThat(gw01.received()).containsExactlyInAnyOrder("spBv1.0/ductwatch/DCMD/gw01/Z2 host-command",
                "spBv1.0/STATE/scada host-online");
        assertThat(controlRoom.received()).containsExactly(GW01.sms() + " gw01-sms");
    }
}
