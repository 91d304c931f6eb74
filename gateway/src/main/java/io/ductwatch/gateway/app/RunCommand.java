package io.ductwatch.gateway.app;

import com.pi4j.context.Context;
import io.ductwatch.config.InvalidConfigException;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import io.ductwatch.gateway.local.ClockSyncMonitor;
import io.ductwatch.gateway.local.HardwareWatchdog;
import io.ductwatch.gateway.sensor.LinuxSysfs;
import io.ductwatch.gateway.uplink.LastKnownAddresses;
import io.ductwatch.gateway.uplink.NameResolver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code run FILE} or {@code run --config FILE}: the gateway on a Raspberry Pi (gpiod for GPIO, linuxfs for I2C, w1 sysfs),
 * until SIGTERM, which stops it in order: sampling stops, outputs go fail-safe, the uplink says offline,
 * the store closes, the watchdog is disarmed. Events also go to the log (the journal under systemd).
 */
@Command(name = "run", description = "Run the gateway on this board.")
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    private CommandSpec spec;

    @Mixin
    private SiteFileArgument siteFile;

    /** The board lacks what the site needs (I2C, 1-Wire, GPIO, watchdog): said before Pi4J starts. */
    static final int BOARD_MISSING = 1;

    @Override
    public Integer call() throws IOException, InterruptedException {
        SiteConfig site;
        try {
            site = SiteLoader.load(Path.of(siteFile.file()), siteFile.file());
        } catch (InvalidConfigException e) {
            e.problems().forEach(p -> spec.commandLine().getErr().println(p));
            return CheckConfigCommand.INVALID;
        }
        List<String> board = new BoardCheck(Path.of("/")).problems(site);
        if (!board.isEmpty()) {
            board.forEach(spec.commandLine().getErr()::println);
            return BOARD_MISSING;
        }
        Context pi4j = RaspberryPi.newContext();
        ExecutorScheduler scheduler = new ExecutorScheduler(Clock.systemUTC(), 4);
        ClockSyncMonitor clock = new ClockSyncMonitor(ClockSyncMonitor.TIMESYNCD_MARKER);
        Gateway gateway = Gateway.start(site, new Gateway.Environment(pi4j,
                new LinuxSysfs(site.gateway().oneWireDevicesPath()), scheduler, System::nanoTime,
                System::currentTimeMillis, new LastKnownAddresses(NameResolver.system()), clock::synced,
                "no NTP synchronisation yet (" + ClockSyncMonitor.TIMESYNCD_MARKER + " missing)", Optional.empty(),
                Optional.empty(), List.of()));
        GatewayRuntime runtime = gateway.runtime();
        HardwareWatchdog watchdog = site.watchdog().enabled()
                ? new HardwareWatchdog(site.watchdog().device(), site.watchdog().timeout(), runtime.loop()::healthy)
                : null;
        if (watchdog != null) {
            watchdog.start(scheduler);
        }
        LOG.info("ductwatch-gateway {} running site {} gateway {} (boot {}), {} sensors", Version.current(),
                site.site().id(), site.gateway().id(), gateway.outbox().bootId(), site.sensors().size());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            gateway.close();
            if (watchdog != null) {
                watchdog.stop();
            }
            scheduler.close();
            pi4j.shutdown();
            stopped.countDown();
        }, "ductwatch-stop"));
        stopped.await();
        return 0;
    }
}
