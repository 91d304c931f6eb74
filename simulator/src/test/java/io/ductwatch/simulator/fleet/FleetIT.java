package io.ductwatch.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import io.ductwatch.gateway.uplink.BrokerFixture;
import io.ductwatch.gateway.uplink.Subscriber;
import io.ductwatch.simulator.scenario.FleetRun;
import io.ductwatch.simulator.scenario.FleetSummary;
import io.ductwatch.simulator.scenario.Scenario;
import io.ductwatch.simulator.scenario.ScenarioLoader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten gateways along one 2 km duct on a real broker (Mosquitto in CI), in real time: the broker is stopped
 * and started again at once under them; every gateway delivers everything it created, and they come back spread
 * over at least 10 s, never more than a quarter of them in any one second. A fire on the border between
 * gw01 and gw02 is located by both within 1 m of each other.
 */
class FleetIT {

    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path EXAMPLE = MODULE.resolve("../firmware-config/sites/example-duct.yaml").normalize();
    private static final int GATEWAYS = 10;

    @TempDir
    Path dir;

    @Test
    void ten_gateways_survive_a_broker_restart_spread_out_and_agree_on_a_fire_at_their_border() throws Exception {
        SiteConfig base = SiteLoader.load(EXAMPLE);
        Scenario scenario = ScenarioLoader.parse("""
                name: fleet-restart
                durationS: 110
                ambient: { temperatureC: 18.0, humidityPct: 70 }
                events:
                  - { atS: 5, fire: { positionM: 200.0, growth: fast, maxKw: 2000 } }
                """, "fleet-restart.yaml", FleetRun.wholeDuct(base, GATEWAYS));
        try (BrokerFixture broker = BrokerFixture.start();
             Subscriber statuses = new Subscriber(broker.url(), "ductwatch/example-duct/+/status")) {
            CompletableFuture<FleetSummary> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return new FleetRun(new FleetRun.Options(base, GATEWAYS, scenario, 7, 1,
                            Optional.of(URI.create(broker.url())), dir.resolve("report"), notice -> { })).run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> statuses.on("status").stream()
                    .filter(m -> m.json().path("online").asBoolean()).map(Subscriber.Received::topic).distinct()
                    .count() == GATEWAYS);
            // Stopped and started at once: the gateways' slots, not the broker's absence, spread their return.
            broker.stopBroker();
            broker.startBroker();

            FleetSummary summary = run.get(6, java.util.concurrent.TimeUnit.MINUTES);

            assertThat(summary.gateways()).hasSize(GATEWAYS).allSatisfy(g -> {
                assertThat(g.delivery().lost()).as("%s lost", g.id()).isZero();
                assertThat(g.delivery().brokerLost()).as("%s lost by the broker", g.id()).isZero();
                assertThat(g.delivery().delivered()).as("%s delivered", g.id()).isEqualTo(g.delivery().published());
            });
            assertThat(summary.brokerRestarts()).singleElement().satisfies(loss -> {
                assertThat(loss.reconnected()).isEqualTo(GATEWAYS);
                assertThat(loss.spreadS()).as("reconnections spread over").isGreaterThanOrEqualTo(10.0);
                assertThat(loss.maxPerSecond()).as("most in one second").isLessThanOrEqualTo(GATEWAYS / 4);
            });
            FleetSummary.Fire fire = summary.fires().get(0);
            List<FleetSummary.Raised> gw01 = fire.raised().stream().filter(r -> r.gateway().equals("gw01")).toList();
            List<FleetSummary.Raised> gw02 = fire.raised().stream().filter(r -> r.gateway().equals("gw02")).toList();
            assertThat(gw01).as("gw01 raised FIRE").isNotEmpty();
            assertThat(gw02).as("gw02 raised FIRE").isNotEmpty();
            assertThat(Math.abs(gw01.get(0).positionM() - gw02.get(0).positionM())).as("the same chainage")
                    .isLessThanOrEqualTo(1.0);
            assertThat(Files.readString(dir.resolve("report/fleet-summary.json"))).contains("\"reconnectAtS\"");
            assertThat(dir.resolve("report/report.html")).exists();
        }
    }
}
