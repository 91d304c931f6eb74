package io.ductwatch.simulator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import io.ductwatch.gateway.app.Gateway;
import io.ductwatch.gateway.core.VirtualScheduler;
import io.ductwatch.gateway.uplink.BrokerFixture;
import io.ductwatch.gateway.uplink.PayloadSchemas;
import io.ductwatch.gateway.uplink.Subscriber;
import io.ductwatch.gateway.uplink.sparkplug.SparkplugHost;
import io.ductwatch.simulator.pi4j.SimulatedHardware;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.eclipse.tahu.message.model.MessageType;
import org.eclipse.tahu.message.model.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example site with Sparkplug enabled, seen by a Sparkplug host (decoding with Eclipse Tahu) on a real
 * broker beside an operator on the native topics: a fire on the simulated duct is a DDATA of zone Z2 with
 * FIRE, its position and extent; a DCMD acknowledges it through the native command rules, a reset of a fire
 * that persists is refused and a replayed DCMD is refused as a replay; the gateway in its own process killed with {@code kill -9} during a fire leaves its NDEATH with
 * the bdSeq of its birth. Every Sparkplug message is checked against the specification's rules, every
 * native payload against its schema.
 */
class SparkplugIT {

    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path SITE = MODULE.resolve("../firmware-config/sites/example-duct-sparkplug.yaml").normalize();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void a_fire_reaches_the_sparkplug_host_as_zone_data_and_its_dcmd_acknowledges_it() throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-11-27T08:00:00Z"));
        try (BrokerFixture broker = BrokerFixture.start();
             SparkplugHost host = new SparkplugHost(broker.url(), "ductwatch");
             Subscriber operator = new Subscriber(broker.url(), "ductwatch/example-duct/gw01/#")) {
            SiteConfig site = SiteLoader.load(SITE).withCoapPorts(0, 0);
            SimulatedHardware duct = SimulatedHardware.of(site, scheduler::now);
            Gateway gateway = Gateway.start(site, new Gateway.Environment(duct.context(), duct.w1(), scheduler,
                    () -> 0L, System::currentTimeMillis, name -> List.of(InetAddress.getLoopbackAddress()), () -> true,
                    "simulated clock", Optional.of(List.of(URI.create(broker.url()))),
                    Optional.of(dir.resolve("store.db")), List.of(), seq -> { }, modem -> duct.modem(modem, scheduler)));
            try {
                advance(scheduler, 10);
                await().atMost(WAIT).until(() -> host.of(MessageType.DBIRTH).size() == 2);
                assertThat(host.of(MessageType.NBIRTH)).as("one birth: every metric was known from the site file").hasSize(1);

                duct.setTemperature("t12", 70);
                duct.setTemperature("t13", 72);
                await().atMost(WAIT).until(() -> {
                    advance(scheduler, 1);
                    return host.latest("Z2", "Alarm/FIRE").equals(Optional.of(true));
                });
                await().atMost(WAIT).until(() -> host.latest("Z2", "Fire/Alarm Id").filter(id -> !"".equals(id))
                        .isPresent());
                String alarmId = (String) host.latest("Z2", "Fire/Alarm Id").orElseThrow();
                assertThat((Double) host.latest("Z2", "Fire/Position M").orElseThrow()).isBetween(115.0, 135.0);
                assertThat(host.latest("Z2", "Alarm/HEAT")).contains(true);
                assertThat(host.latest("Z2", "Alarm/Unacknowledged")).contains(true);
                assertThat(host.latest("Z1", "Alarm/FIRE")).contains(false);
                assertThat(host.latest("Z2", "Sensors/t12/Quality")).contains("OK");
                await().atMost(WAIT).until(() -> operator.on("alarm").stream().anyMatch(m ->
                        m.json().get("type").asText().equals("FIRE") && m.json().get("alarmId").asText().equals(alarmId)));

                byte[] ack = host.command("gw01", "Z2", "Commands/Acknowledge", true, Date.from(scheduler.now()));
                await().atMost(WAIT).until(() -> {
                    advance(scheduler, 1);
                    return host.latest("Z2", "Alarm/Unacknowledged").equals(Optional.of(false));
                });
                assertThat(results(operator)).anySatisfy(r -> {
                    assertThat(r.get("command").asText()).isEqualTo("ack");
                    assertThat(r.get("ok").asBoolean()).isTrue();
                });
                assertThat(operator.on("alarm")).anySatisfy(m -> {
                    assertThat(m.json().get("event").asText()).isEqualTo("ACKNOWLEDGED");
                    assertThat(m.json().get("alarmId").asText()).isEqualTo(alarmId);
                });

                // A reset of a zone whose fire persists is refused by the native rules ("still active").
                byte[] reset = host.command("gw01", "Z2", "Commands/Reset", true, Date.from(scheduler.now()));
                await().atMost(WAIT).until(() -> {
                    advance(scheduler, 1);
                    return resets(operator).size() == 1;
                });
                assertThat(resets(operator).get(0).get("ok").asBoolean()).isFalse();
                // The same DCMD again, as someone who recorded it would replay it: refused as a replay.
                host.publish("spBv1.0/ductwatch/DCMD/gw01/Z2", reset, false);
                await().atMost(WAIT).until(() -> {
                    advance(scheduler, 1);
                    return resets(operator).size() == 2;
                });
                assertThat(resets(operator).get(1).get("ok").asBoolean()).isFalse();
                assertThat(resets(operator).get(1).get("message").asText()).contains("already used");
                assertThat(host.latest("Z2", "Alarm/FIRE")).contains(true);
            } finally {
                gateway.close();
                duct.close();
            }
            await().atMost(WAIT).until(() -> host.of(MessageType.NDEATH).size() == 1);
            assertThat(host.of(MessageType.DDEATH)).hasSize(2);
            assertThat(host.violations()).isEmpty();
            assertThat(operator.received()).as("the native topics are unchanged").allSatisfy(m ->
                    assertThat(PayloadSchemas.check(m.topic(), m.json())).as(m.topic()).isEmpty());
        }
    }

    @Test
    void a_gateway_killed_during_a_fire_leaves_its_ndeath_with_the_bdseq_of_its_birth() throws Exception {
        Path scenario = Files.writeString(dir.resolve("fire.yaml"), """
                name: sparkplug-kill
                durationS: 900
                ambient: { temperatureC: 18.0, humidityPct: 60 }
                events:
                  - { atS: 20, fire: { positionM: 143.0, growth: fast, maxKw: 2000 } }
                """);
        try (BrokerFixture broker = BrokerFixture.start();
             SparkplugHost host = new SparkplugHost(broker.url(), "ductwatch")) {
            Process gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", MODULE.resolve("target/ductwatch-simulator.jar").toString(), "run", "--site", SITE.toString(),
                    "--scenario", scenario.toString(), "--broker", broker.url(), "--speed", "10", "--coap-port", "0",
                    "--report", dir.resolve("report").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> host.latest("Z2", "Alarm/FIRE")
                        .equals(Optional.of(true)));
            } finally {
                gateway.destroyForcibly().waitFor(); // SIGKILL: no goodbye, the broker publishes the will
            }
            await().atMost(WAIT).until(() -> host.of(MessageType.NDEATH).size() == 1);
            long born = bdSeq(host.of(MessageType.NBIRTH).get(host.of(MessageType.NBIRTH).size() - 1));
            assertThat(bdSeq(host.of(MessageType.NDEATH).get(0))).isEqualTo(born);
            assertThat(host.of(MessageType.DDEATH)).as("a killed gateway says nothing more").isEmpty();
            assertThat(host.violations()).isEmpty();
        }
    }

    private static long bdSeq(SparkplugHost.Received message) {
        return (Long) message.payload().getMetrics().stream().filter(m -> "bdSeq".equals(m.getName())).findFirst()
                .map(Metric::getValue).orElseThrow();
    }

    private static List<JsonNode> results(Subscriber operator) {
        return operator.on("cmd/result").stream().map(Subscriber.Received::json).toList();
    }

    private static List<JsonNode> resets(Subscriber operator) {
        return results(operator).stream().filter(r -> r.get("command").asText().equals("reset")).toList();
    }

    private static void advance(VirtualScheduler scheduler, int seconds) {
        for (int s = 0; s < seconds; s++) {
            scheduler.advance(Duration.ofSeconds(1));
        }
    }
}
