package io.ductwatch.simulator.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import io.ductwatch.gateway.app.Gateway;
import io.ductwatch.gateway.core.ActiveAlarm;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.VirtualScheduler;
import io.ductwatch.gateway.uplink.BrokerFixture;
import io.ductwatch.gateway.uplink.MqttUplink;
import io.ductwatch.gateway.uplink.Subscriber;
import io.ductwatch.simulator.pi4j.SimulatedHardware;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's disk cap reached during a long outage, at gateway level: the example site with the smallest
 * cap the site file allows, its uplink cut at the simulator's proxy for twelve hours of tunnel time while
 * a call point is pressed. The store stays under its cap by thinning readings, the alarm is kept, nearing
 * the cap is a TROUBLE, the loop keeps sampling; when the link returns everything kept is delivered and
 * every seq the operator did not get is named on {@code gap}.
 */
class LongOutageIT {

    private static final Logger LOG = LoggerFactory.getLogger(LongOutageIT.class);
    private static final Path EXAMPLE = Path.of(System.getProperty("basedir", "."))
            .resolve("../firmware-config/sites/example-duct.yaml").normalize();
    private static final long CAP_BYTES = 16L << 20;

    @TempDir
    Path dir;

    private final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-11-27T08:00:00Z"));
    private BrokerFixture broker;
    private Subscriber operator;
    private FaultProxy proxy;
    private SimulatedHardware duct;
    private Gateway gateway;

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (duct != null) {
            duct.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (operator != null) {
            operator.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void a_twelve_hour_outage_fills_the_store_to_its_cap_and_nothing_is_lost_silently() throws Exception {
        Path siteFile = dir.resolve("site.yaml");
        String yaml = Files.readString(EXAMPLE);
        assertThat(yaml).contains("maxMb: 1024");
        Files.writeString(siteFile, yaml.replace("maxMb: 1024", "maxMb: 16"));
        SiteConfig site = SiteLoader.load(siteFile).withCoapPorts(0, 0);
        assertThat(site.store().maxBytes()).isEqualTo(CAP_BYTES);

        broker = BrokerFixture.start();
        operator = new Subscriber(broker.url(), "ductwatch/example-duct/gw01/#");
        proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", broker.port()));
        duct = SimulatedHardware.of(site, scheduler::now);
        gateway = Gateway.start(site, new Gateway.Environment(duct.context(), duct.w1(), scheduler, () -> 0L,
                System::currentTimeMillis, host -> List.of(InetAddress.getLoopbackAddress()), () -> true, "simulated clock",
                Optional.of(List.of(URI.create("tcp://127.0.0.1:" + proxy.port()))),
                Optional.of(dir.resolve("store.db")), List.of(), seq -> { }, modem -> duct.modem(modem, scheduler)));
        advance(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.uplink().state() == MqttUplink.State.CONNECTED);

        proxy.mode(FaultProxy.Mode.DOWN);
        advance(Duration.ofHours(1));
        duct.setContact("mcp0", true);
        advance(Duration.ofSeconds(5));
        duct.setContact("mcp0", false);
        long seqBefore = gateway.outbox().lastSeq();
        advance(Duration.ofHours(11));

        long size = gateway.outbox().sizeBytes();
        LOG.info("after 12 h down: store {} KB of {} KB, {} pending, last seq {}", size >> 10, CAP_BYTES >> 10,
                gateway.outbox().pending(), gateway.outbox().lastSeq());
        assertThat(size).as("the store holds under its cap").isLessThanOrEqualTo(CAP_BYTES);
        assertThat(gateway.outbox().lastSeq() - seqBefore).as("the loop kept sampling once a second for 11 h")
                .isGreaterThan(11 * 3600);
        List<ActiveAlarm> active = gateway.runtime().engine().activeAlarms();
        assertThat(active).as("the call point's FIRE latched")
                .anySatisfy(a -> assertThat(a.type()).isEqualTo(AlarmType.FIRE));
        assertThat(active).as("nearing the cap is a TROUBLE")
                .anySatisfy(a -> assertThat(a.reason()).contains("store").contains("full"));

        proxy.mode(FaultProxy.Mode.PASS);
        long returnedAt = gateway.outbox().lastSeq();
        long from = System.nanoTime();
        // Tunnel time goes on at its real pace while the backlog drains.
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            scheduler.advance(Duration.ofSeconds(1));
            LOG.info("draining: {} pending, operator has {} messages", gateway.outbox().pending(),
                    operator.received().size());
            return accounted(returnedAt).cardinality() == returnedAt;
        });
        LOG.info("backlog of {} seqs accounted for in {} s", returnedAt, (System.nanoTime() - from) / 1_000_000_000);
        // Then time stops: the last cycle's readings are committed and the store empties.
        gateway.outbox().flush();
        gateway.uplink().wake();
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.outbox().pending() == 0);
        long last = gateway.outbox().lastSeq();
        await().atMost(Duration.ofSeconds(30)).until(() -> accounted(last).cardinality() == last);

        List<JsonNode> fires = operator.on("alarm").stream().map(Subscriber.Received::json)
                .filter(j -> j.get("type").asText().equals("FIRE") && j.get("event").asText().equals("RAISED"))
                .toList();
        assertThat(fires).as("the FIRE raised during the outage reached the operator").hasSize(1);
        assertThat(fires.get(0).get("reason").asText()).contains("mcp0");
        assertThat(operator.on("gap")).as("thinning was announced").isNotEmpty();
        assertThat(operator.on("reading")).as("one-minute aggregates were delivered")
                .anySatisfy(r -> assertThat(r.json().get("readings").get(0).path("periodS").asInt()).isEqualTo(60));
    }

    /** Seqs 1..last the operator received on a seq'd topic or saw named in a {@code gap} message. */
    private BitSet accounted(long last) {
        BitSet seen = new BitSet();
        for (Subscriber.Received m : operator.received()) {
            JsonNode seq = m.json().get("seq");
            if (seq != null && !m.retained()) {
                seen.set((int) seq.asLong() - 1);
            }
            if (m.topic().endsWith("/gap")) {
                for (JsonNode range : m.json().get("ranges")) {
                    seen.set((int) range.get(0).asLong() - 1, (int) range.get(1).asLong());
                }
            }
        }
        seen.clear((int) last, Math.max((int) last, seen.length()));
        return seen;
    }

    /** Lets virtual time pass in one-second steps. */
    private void advance(Duration duration) {
        for (long s = 0; s < duration.toSeconds(); s++) {
            scheduler.advance(Duration.ofSeconds(1));
        }
    }
}
