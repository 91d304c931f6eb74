package io.ductwatch.gateway.uplink.sparkplug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import io.ductwatch.config.SparkplugConfig;
import io.ductwatch.gateway.core.ActiveAlarm;
import io.ductwatch.gateway.core.AlarmKey;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.Extent;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.payload.GatewayStatus;
import io.ductwatch.gateway.uplink.BrokerFixture;
import io.ductwatch.gateway.uplink.UplinkSettings;
import io.ductwatch.gateway.uplink.Topics;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.tahu.message.model.MessageType;
import org.eclipse.tahu.message.model.Metric;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge node on a real broker (Mosquitto in CI) seen by a Sparkplug host decoding with Tahu: births,
 * report by exception, seq wrapping 255 -> 0, rebirth on NCMD, the NDEATH will of a crash and the goodbye
 * of an orderly stop with the right bdSeq, the primary host's STATE, and history after an outage. Every
 * message the host received is checked against the specification's rules ({@link SparkplugHost#violations()}).
 */
class SparkplugNodeIT {

    private static final Path SITE = Path.of(System.getProperty("basedir", "."))
            .resolve("../firmware-config/sites/example-duct-sparkplug.yaml").normalize();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private BrokerFixture broker;
    private SparkplugHost host;
    private SiteConfig site;
    private final List<SparkplugNode> nodes = new ArrayList<>();
    /** False makes the broker's name fail to resolve for the nodes: holds a node off the broker for a while. */
    private volatile boolean resolving = true;

    @BeforeEach
    void start() throws Exception {
        broker = BrokerFixture.start();
        host = new SparkplugHost(broker.url(), "ductwatch");
        site = SiteLoader.load(SITE);
    }

    @AfterEach
    void stop() throws Exception {
        nodes.forEach(SparkplugNode::close);
        assertThat(host.violations()).as("Sparkplug B rules over everything the host received").isEmpty();
        host.close();
        broker.close();
    }

    private SparkplugNode node(SparkplugConfig config) {
        UplinkSettings connection = new UplinkSettings(List.of(URI.create(broker.url())), config.clientId(),
                Duration.ofSeconds(10), 64, 1000, Duration.ofSeconds(10), Optional.empty(), Optional.empty(),
                new char[0]);
        GatewayStatus status = new GatewayStatus(true, Instant.now(), Instant.parse("2026-12-02T08:00:00Z"), "test",
                "connected", 3, null, 30, 1, 1234, true);
        SparkplugNode node = new SparkplugNode(site, config, new SparkplugNode.Wiring(connection,
                this::resolve, dir.resolve("store.db.sparkplug-bdseq"),
                Topics.of("example-duct", "gw01"), "boot-1", () -> status, Instant::now, (t, p, r) -> { }));
        nodes.add(node);
        node.start();
        return node;
    }

    private List<InetAddress> resolve(String name) throws UnknownHostException {
        if (!resolving) {
            throw new UnknownHostException(name + " (held off by the test)");
        }
        return List.of(InetAddress.getLoopbackAddress());
    }

    private SparkplugConfig config() {
        return site.sparkplug().orElseThrow();
    }

    private static List<Reading> cycle(Instant at, double t12) {
        return List.of(Reading.ok("t12", Quantity.TEMPERATURE, t12, at), Reading.ok("t00", Quantity.TEMPERATURE, 18, at));
    }

    private static long bdSeq(SparkplugHost.Received message) {
        return (Long) message.payload().getMetrics().stream().filter(m -> "bdSeq".equals(m.getName())).findFirst()
                .map(Metric::getValue).orElseThrow();
    }

    @Test
    void births_then_data_by_exception_wrapping_its_seq_then_a_rebirth_on_ncmd() throws Exception {
        SparkplugNode node = node(config());
        await().atMost(WAIT).until(() -> host.of(MessageType.DBIRTH).size() == 2);
        SparkplugHost.Received nbirth = host.of(MessageType.NBIRTH).get(0);
        assertThat(bdSeq(nbirth)).isZero();
        assertThat(host.of(MessageType.DBIRTH)).extracting(SparkplugHost.Received::device)
                .containsExactly("Z1", "Z2");
        assertThat(host.latest(null, "Gateway/Last Seq")).contains(1234L);
        assertThat(host.of(MessageType.DBIRTH, "Z2").get(0).payload().getMetrics()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("Sensors/t12/Temperature");
            assertThat(m.getProperties().getPropertyValue("engUnit").getValue()).isEqualTo("°C");
        });

        Instant t0 = Instant.now();
        for (int n = 0; n < 300; n++) {
            node.readings(cycle(t0.plusSeconds(n), 20 + n / 8.0));
        }
        await().atMost(WAIT).until(() -> host.of(MessageType.DDATA, "Z2").size() >= 300
                || host.latest("Z2", "Sensors/t12/Temperature").filter(v -> (Double) v == 20 + 299 / 8.0).isPresent());
        assertThat(host.received()).as("seq wrapped 255 -> 0").anySatisfy(r -> assertThat(r.payload().getSeq()).isEqualTo(255L));
        assertThat(host.of(MessageType.DDATA, "Z1")).as("t00 never changed after its first value").hasSizeLessThanOrEqualTo(1);

        host.command("gw01", null, "Node Control/Rebirth", true, new java.util.Date());
        await().atMost(WAIT).until(() -> host.of(MessageType.NBIRTH).size() == 2 && host.of(MessageType.DBIRTH).size() == 4);
        assertThat(bdSeq(host.of(MessageType.NBIRTH).get(1))).as("the same connection, the same bdSeq").isZero();
        assertThat(host.latest("Z2", "Sensors/t12/Temperature")).contains(20 + 299 / 8.0);

        node.onActiveChanged(List.of(fire("Z2", 123.4, false)));
        await().atMost(WAIT).until(() -> host.latest("Z2", "Alarm/FIRE").equals(Optional.of(true)));
        assertThat(host.latest("Z2", "Fire/Position M")).contains(123.4);
        assertThat(host.latest("Z2", "Fire/Extent From M")).contains(120.0);
        assertThat(host.latest("Z2", "Alarm/Unacknowledged")).contains(true);
        assertThat(host.latest("Z1", "Alarm/FIRE")).contains(false);
    }

    @Test
    void a_crash_leaves_the_will_with_its_bdseq_and_an_orderly_stop_says_goodbye_with_the_next() throws Exception {
        SparkplugNode crashing = node(config());
        await().atMost(WAIT).until(() -> host.of(MessageType.DBIRTH).size() == 2);
        crashing.abandon();
        await().atMost(WAIT).until(() -> host.of(MessageType.NDEATH).size() == 1);
        assertThat(bdSeq(host.of(MessageType.NDEATH).get(0))).isZero();
        assertThat(host.of(MessageType.DDEATH)).as("a crash says nothing of its devices").isEmpty();

        SparkplugNode next = node(config());
        await().atMost(WAIT).until(() -> host.of(MessageType.NBIRTH).size() == 2);
        assertThat(bdSeq(host.of(MessageType.NBIRTH).get(1))).as("bdSeq kept across a restart").isEqualTo(1L);
        next.close();
        await().atMost(WAIT).until(() -> host.of(MessageType.NDEATH).size() == 2);
        assertThat(bdSeq(host.of(MessageType.NDEATH).get(1))).isEqualTo(1L);
        assertThat(host.of(MessageType.DDEATH)).extracting(SparkplugHost.Received::device)
                .containsExactly("Z1", "Z2");
    }

    @Test
    void births_wait_for_the_primary_host_and_the_readings_meanwhile_follow_as_history() throws Exception {
        SparkplugConfig withHost = new SparkplugConfig("ductwatch", "gw01", Optional.of("scada"),
                config().clientId(), config().operator(), 60);
        host.state("scada", false, 1000);
        SparkplugNode node = node(withHost);
        Instant t0 = Instant.parse("2026-12-02T09:00:00Z");
        for (int n = 0; n < 5; n++) {
            node.readings(cycle(t0.plusSeconds(n), 30 + n));
        }
        await("no birth while the primary host is offline").during(Duration.ofMillis(1500)).atMost(WAIT)
                .until(() -> host.of(MessageType.NBIRTH).isEmpty());

        host.state("scada", true, 2000);
        await().atMost(WAIT).until(() -> host.of(MessageType.DBIRTH).size() == 2);
        await().atMost(WAIT).until(() -> historical(host, "Z2").size() == 5);
        assertThat(historical(host, "Z2")).extracting(Metric::getValue).containsExactly(30.0, 31.0, 32.0, 33.0, 34.0);
        assertThat(historical(host, "Z2")).extracting(m -> m.getTimestamp().toInstant())
                .containsExactly(t0, t0.plusSeconds(1), t0.plusSeconds(2), t0.plusSeconds(3), t0.plusSeconds(4));

        host.state("scada", false, 1500);
        await("an older STATE is ignored").during(Duration.ofSeconds(1)).atMost(WAIT)
                .until(() -> host.of(MessageType.NDEATH).isEmpty());
        host.state("scada", false, 3000);
        await().atMost(WAIT).until(() -> host.of(MessageType.NDEATH).size() == 1);
        assertThat(bdSeq(host.of(MessageType.NDEATH).get(0))).isZero();
        host.state("scada", true, 4000);
        await().atMost(WAIT).until(() -> host.of(MessageType.NBIRTH).size() == 2);
        assertThat(bdSeq(host.of(MessageType.NBIRTH).get(1))).isEqualTo(1L);
    }

    @Test
    void after_a_broker_outage_a_new_birth_and_the_outage_readings_as_history_in_order() throws Exception {
        SparkplugNode node = node(config());
        await().atMost(WAIT).until(() -> host.of(MessageType.DBIRTH).size() == 2);
        host.close();
        broker.stopBroker();
        await().atMost(WAIT).until(() -> !node.born());
        Instant t0 = Instant.parse("2026-12-02T10:00:00Z");
        for (int n = 0; n < 30; n++) {
            node.readings(cycle(t0.plusSeconds(n), 40 + n));
        }
        // Data and history go out at QoS 0 (Sparkplug's rule), so the host must be subscribed before the node is
        // back: the node is held off by its name lookup until then, else a quick reconnect would win the race.
        resolving = false;
        broker.startBroker();
        host = new SparkplugHost(broker.url(), "ductwatch");
        resolving = true;

        await().atMost(Duration.ofSeconds(90)).until(() -> historical(host, "Z2").size() == 30);
        assertThat(host.of(MessageType.NBIRTH)).singleElement().satisfies(birth ->
                assertThat(bdSeq(birth)).as("a new connection: a later bdSeq (every attempt takes one)").isPositive());
        assertThat(historical(host, "Z2")).extracting(Metric::getValue)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 30).mapToObj(n -> 40.0 + n).toList());
        assertThat(host.latest("Z2", "Sensors/t12/Temperature")).as("the current value is the last read").contains(69.0);
    }

    private static List<Metric> historical(SparkplugHost host, String device) {
        java.util.Map<Long, String> aliases = host.aliases();
        return host.of(MessageType.DDATA, device).stream().flatMap(r -> r.payload().getMetrics().stream())
                .filter(m -> Boolean.TRUE.equals(m.isHistorical()))
                .filter(m -> "Sensors/t12/Temperature".equals(aliases.get(m.getAlias()))).toList();
    }

    static ActiveAlarm fire(String zone, double positionM, boolean acknowledged) {
        Extent extent = new Extent(120, 130, Extent.Spread.NONE);
        Instant at = Instant.now();
        return new ActiveAlarm("boot-1-7", new AlarmKey(AlarmType.FIRE, "zone", zone), AlarmType.FIRE, zone, positionM,
                List.of("t12"), 80, "°C", "heat", false, true, acknowledged, false, at, extent, extent, at);
    }
}
