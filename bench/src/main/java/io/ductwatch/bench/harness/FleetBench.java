package io.ductwatch.bench.harness;

import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import io.ductwatch.simulator.scenario.FleetRun;
import io.ductwatch.simulator.scenario.FleetSummary;
import io.ductwatch.simulator.scenario.Scenario;
import io.ductwatch.simulator.scenario.ScenarioLoader;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code fleet}: a row of gateways along one duct (the example site's sections), each sampling at 1 Hz in
 * real time, publishing to a Mosquitto of the harness's own (sessions persisted), which is killed with
 * SIGKILL 30 s in and started again 2 s later. The line says what was lost, by the gateways and by the
 * broker, how widely the fleet spread its reconnections and the most in any one second, and the heap each
 * gateway takes (heap in use after a GC with the fleet running, less the same before, per gateway).
 */
final class FleetBench {

    private static final int RUN_S = 120;

    private FleetBench() {
    }

    static String run(Path dir, int gateways) throws Exception {
        SiteConfig base = SiteLoader.load(Path.of("firmware-config/sites/example-duct.yaml"));
        Scenario quiet = ScenarioLoader.parse("name: fleet-bench\ndurationS: " + RUN_S
                + "\nambient: { temperatureC: 18.0, humidityPct: 70 }\nevents: []\n", "fleet-bench.yaml",
                FleetRun.wholeDuct(base, gateways));
        try (BrokerProcess broker = BrokerProcess.start(dir, List.of(), true)) {
            long before = heapInUse();
            CompletableFuture<FleetSummary> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return new FleetRun(new FleetRun.Options(base, gateways, quiet, 1, 1,
                            Optional.of(URI.create(broker.url())), dir.resolve("report"), notice -> { })).run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(25_000);
            double perGateway = (heapInUse() - before) / 1048576.0 / gateways;
            Thread.sleep(5_000);
            broker.kill();
            Thread.sleep(2_000);
            broker.restart();
            FleetSummary summary = run.get(10, TimeUnit.MINUTES);
            long lost = summary.gateways().stream().mapToLong(g -> g.delivery().lost()).sum();
            long brokerLost = summary.gateways().stream().mapToLong(g -> g.delivery().brokerLost()).sum();
            FleetSummary.BrokerLoss loss = summary.brokerRestarts().isEmpty() ? new FleetSummary.BrokerLoss(0, 0, 0)
                    : summary.brokerRestarts().get(0);
            return String.format(Locale.ROOT, "fleet gateways=%d lost=%d broker-lost=%d reconnect-spread=%.1fs"
                            + " max-per-s=%d reconnected=%d heap-per-gateway=%.1fMB run=%ds", gateways, lost, brokerLost,
                    loss.spreadS(), loss.maxPerSecond(), loss.reconnected(), perGateway, RUN_S);
        }
    }

    private static long heapInUse() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
