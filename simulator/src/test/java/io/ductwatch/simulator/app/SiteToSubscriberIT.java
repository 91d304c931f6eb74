package io.ductwatch.simulator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import io.ductwatch.gateway.app.Gateway;
import io.ductwatch.gateway.core.VirtualScheduler;
import io.ductwatch.gateway.local.CoapTestClient;
import io.ductwatch.gateway.uplink.BrokerFixture;
import io.ductwatch.gateway.uplink.PayloadSchemas;
import io.ductwatch.gateway.uplink.Subscriber;
import io.ductwatch.simulator.pi4j.SimulatedHardware;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin path end to end: the example site file, its simulated DS18B20s and call point, the gateway's
 * rules, the SQLite store and the MQTT uplink, to an operator's subscriber on a real broker.
 */
class SiteToSubscriberIT {

    private static final Path EXAMPLE = Path.of(System.getProperty("basedir", "."))
            .resolve("../firmware-config/sites/example-duct.yaml").normalize();

    @TempDir
    Path dir;

    private final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-11-27T08:00:00Z"));
    private BrokerFixture broker;
    private Subscriber operator;
    private SimulatedHardware duct;
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        broker = BrokerFixture.start();
        operator = new Subscriber(broker.url(), "ductwatch/example-duct/gw01/#");
        SiteConfig site = SiteLoader.load(EXAMPLE).withCoapPorts(0, 0);
        duct = SimulatedHardware.of(site, scheduler::now);
        gateway = Gateway.start(site, new Gateway.Environment(duct.context(), duct.w1(), scheduler, () -> 0L,
                System::currentTimeMillis, host -> List.of(InetAddress.getLoopbackAddress()), () -> true, "simulated clock",
                Optional.of(List.of(URI.create(broker.url()))), Optional.of(dir.resolve("store.db")), List.of(),
                seq -> { }, modem -> duct.modem(modem, scheduler)));
        run(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() throws Exception {
        assertThat(operator.received()).as("every payload the operator received matches its documented schema")
                .allSatisfy(m -> assertThat(PayloadSchemas.check(m.topic(), m.json())).as(m.topic()).isEmpty());
        gateway.close();
        duct.close();
        operator.close();
        broker.close();
    }

    /** Lets virtual time pass in one-second steps. */
    private void run(Duration duration) {
        for (long s = 0; s < duration.toSeconds(); s++) {
            scheduler.advance(Duration.ofSeconds(1));
        }
    }

    private List<JsonNode> alarms(String type, String event) {
        return operator.on("alarm").stream().map(Subscriber.Received::json)
                .filter(j -> j.get("type").asText().equals(type) && j.get("event").asText().equals(event)).toList();
    }

    @Test
    void heat_in_the_duct_reaches_the_operator_as_heat_and_fire_with_place_and_reason() {
        duct.setTemperature("t12", 70);
        duct.setTemperature("t13", 72);
        run(Duration.ofSeconds(10));

        await().atMost(Duration.ofSeconds(20)).until(() -> !alarms("FIRE", "RAISED").isEmpty());
        JsonNode fire = alarms("FIRE", "RAISED").get(0);
        assertThat(fire.get("zone").asText()).isEqualTo("Z2");
        assertThat(fire.get("positionM").asDouble()).isBetween(115.0, 135.0);
        assertThat(fire.get("sensors")).extracting(JsonNode::asText).containsExactlyInAnyOrder("t12", "t13");
        assertThat(fire.get("seq").asLong()).isPositive();
        assertThat(fire.get("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(fire.get("timeSynced").asBoolean()).isTrue();
        assertThat(fire.get("bootId").asText()).isEqualTo(gateway.outbox().bootId());
        assertThat(alarms("HEAT", "RAISED")).hasSize(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> operator.on("alarms/active").stream()
                .anyMatch(a -> a.json().get("alarms").size() >= 3));
        assertThat(duct.outputActive("panel")).isTrue();
    }

    @Test
    void a_call_point_reaches_the_operator_and_readings_flow_with_their_seqs() throws Exception {
        duct.setContact("mcp0", true);
        run(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(20)).until(() -> !alarms("FIRE", "RAISED").isEmpty());
        assertThat(alarms("FIRE", "RAISED").get(0).get("reason").asText()).contains("manual call point mcp0");
        await().atMost(Duration.ofSeconds(20)).until(() -> operator.on("reading").size() > 10);
        JsonNode reading = operator.on("reading").get(0).json();
        assertThat(reading.get("readings").get(0).has("quality")).isTrue();
        assertThat(operator.on("status")).anySatisfy(s -> assertThat(s.json().get("online").asBoolean()).isTrue());

        // A technician in the duct sees the same alarm over the gateway's local CoAP API.
        String alarmId = alarms("FIRE", "RAISED").get(0).get("alarmId").asText();
        try (CoapTestClient technician = CoapTestClient.plain(gateway.localApi().port())) {
            CoapResponse local = technician.client("/alarms/" + alarmId).get();
            assertThat(local.getCode()).isEqualTo(CoAP.ResponseCode.CONTENT);
            assertThat(local.getResponseText()).contains("\"type\":\"FIRE\"", "manual call point mcp0");
        }
    }

    @Test
    void every_documented_channel_carries_real_payloads_that_match_their_schema() throws Exception {
        String root = "ductwatch/example-duct/gw01/";
        String command = "{\"operator\":\"control-room\",\"requestId\":\"every-channel\",\"issuedAt\":\""
                + scheduler.now() + "\"}";
        assertThat(PayloadSchemas.check(root + "cmd/status", new ObjectMapper().readTree(command))).isEmpty();
        try (MqttClient control = new MqttClient(broker.url(), "control-" + System.nanoTime(), new MemoryPersistence())) {
            control.connect();
            control.publish(root + "cmd/status", command.getBytes(StandardCharsets.UTF_8), 1, false);
            control.disconnect();
        }
        duct.setContact("mcp0", true);
        run(Duration.ofSeconds(5));
        // A power cut: the next gateway on the same store announces what the first could not deliver.
        gateway.abandon();
        gateway = Gateway.start(SiteLoader.load(EXAMPLE).withCoapPorts(0, 0), new Gateway.Environment(duct.context(),
                duct.w1(), scheduler, () -> 0L, System::currentTimeMillis,
                host -> List.of(InetAddress.getLoopbackAddress()), () -> true, "simulated clock",
                Optional.of(List.of(URI.create(broker.url()))), Optional.of(dir.resolve("store.db")), List.of(),
                seq -> { }, modem -> duct.modem(modem, scheduler)));
        run(Duration.ofSeconds(5));

        List<String> expected = PayloadSchemas.channels().stream().map(PayloadSchemas.Channel::name)
                .filter(name -> !name.equals("command")).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> expected.stream().allMatch(name -> operator.received()
                .stream().anyMatch(m -> PayloadSchemas.channelOf(m.topic()).name().equals(name))));
        // @AfterEach checks every payload received against the schema its channel names.
    }
}
