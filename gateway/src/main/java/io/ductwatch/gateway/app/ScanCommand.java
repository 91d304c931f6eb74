package io.ductwatch.gateway.app;

import com.pi4j.context.Context;
import io.ductwatch.config.InvalidConfigException;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import io.ductwatch.gateway.sensor.HardwareScan;
import io.ductwatch.gateway.sensor.LinuxSysfs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code scan FILE} or {@code scan --config FILE}: lists the 1-Wire ROM ids and I2C chips the gateway sees, against the site
 * file. Exit 0 when they match it exactly, 3 when something is missing, unknown or a different chip,
 * 2 for an invalid site file.
 */
@Command(name = "scan", description = "List the 1-Wire sensors and I2C chips present, against the site file.")
final class ScanCommand implements Callable<Integer> {

    static final int DIFFERENCES = 3;
    /** The board lacks what the site needs (I2C, 1-Wire, GPIO): said before Pi4J starts. */
    static final int BOARD_MISSING = 1;

    @Spec
    private CommandSpec spec;

    @Mixin
    private SiteFileArgument siteFile;

    @Override
    public Integer call() {
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
        try {
            List<HardwareScan.Entry> entries = HardwareScan.scan(site, pi4j,
                    new LinuxSysfs(site.gateway().oneWireDevicesPath()));
            print(spec.commandLine().getOut(), entries);
            return HardwareScan.matches(entries) ? 0 : DIFFERENCES;
        } finally {
            pi4j.shutdown();
        }
    }

    static void print(PrintWriter out, List<HardwareScan.Entry> entries) {
        String bus = null;
        for (HardwareScan.Entry e : entries) {
            if (!e.bus().equals(bus)) {
                bus = e.bus();
                out.println(bus + ":");
            }
            out.printf("  %-16s %-10s %-28s %s%n", e.address(), e.status(), e.expected().isEmpty() ? "-" : e.expected(),
                    e.found().isEmpty() ? "nothing answers" : e.found());
        }
        long differences = entries.stream().filter(e -> e.status() != HardwareScan.Status.OK).count();
        out.println(differences == 0 ? "all devices match the site file"
                : differences + " difference(s) from the site file");
    }
}
